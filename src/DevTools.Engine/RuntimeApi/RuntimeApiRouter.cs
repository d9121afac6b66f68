using DevTools.Engine.Http;
using DevTools.Engine.RuntimeApi.Extensions;

namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// Maps Runtime API paths (<c>/2018-06-01/runtime/...</c>) to their handlers. Unknown paths get
/// RAPID's plain 404, known paths with the wrong method 405.
/// </summary>
internal sealed class RuntimeApiRouter(RuntimeSession session, ExtensionRegistry extensions, TelemetryDelivery telemetry, RegistrationInfo registration)
{
    private const string Prefix = "/2018-06-01/runtime/";
    private const string ExtensionPrefix = "/2020-01-01/extension/";
    private const string TelemetryPath = "/2022-07-01/telemetry";
    private const string LogsPath = "/2020-08-15/logs";

    /// <summary>Handles one request; returns false when the connection must be closed.</summary>
    public async ValueTask<bool> DispatchAsync(HttpRequest request, HttpConnection connection)
    {
        try
        {
            return await RouteAsync(request, connection).ConfigureAwait(false);
        }
        catch (RuntimeApiException e)
        {
            await connection.SendAsync(HttpResponses.Error(e.StatusCode, e.ErrorType, e.Message)).ConfigureAwait(false);
            return true;
        }
    }

    private ValueTask<bool> RouteAsync(HttpRequest request, HttpConnection connection)
    {
        var path = request.Path;
        if (path.StartsWith(ExtensionPrefix, StringComparison.Ordinal)) return RouteExtensionAsync(request, path.AsSpan(ExtensionPrefix.Length), connection);
        if (path == TelemetryPath) return request.Method == "PUT" ? TelemetrySubscribeHandler.HandleAsync(request, extensions, telemetry, connection) : Reply(connection, HttpResponses.MethodNotAllowed);
        if (path == LogsPath) return request.Method == "PUT" ? LogsSubscribeHandler.HandleAsync(request, extensions, connection) : Reply(connection, HttpResponses.MethodNotAllowed);
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)) return Reply(connection, HttpResponses.NotFound);
        var rest = path.AsSpan(Prefix.Length);

        if (rest.SequenceEqual("invocation/next"))
            return request.Method == "GET" ? NextHandler.HandleAsync(session, connection) : Reply(connection, HttpResponses.MethodNotAllowed);

        if (rest.SequenceEqual("init/error"))
            return request.Method == "POST" ? InitErrorHandler.HandleAsync(request, session, connection) : Reply(connection, HttpResponses.MethodNotAllowed);

        if (rest.StartsWith("invocation/"))
        {
            var tail = rest["invocation/".Length..];
            var slash = tail.IndexOf('/');
            if (slash > 0)
            {
                var requestId = tail[..slash].ToString();
                var action = tail[(slash + 1)..];
                if (action.SequenceEqual("response"))
                    return request.Method == "POST" ? InvocationResponseHandler.HandleAsync(request, requestId, session, connection) : Reply(connection, HttpResponses.MethodNotAllowed);
                if (action.SequenceEqual("error"))
                    return request.Method == "POST" ? InvocationErrorHandler.HandleAsync(request, requestId, session, connection) : Reply(connection, HttpResponses.MethodNotAllowed);
            }
        }
        return Reply(connection, HttpResponses.NotFound);
    }

    /// <summary>The Extensions API, served on the same endpoint as the Runtime API (as Lambda does).</summary>
    private ValueTask<bool> RouteExtensionAsync(HttpRequest request, ReadOnlySpan<char> rest, HttpConnection connection) => rest switch
    {
        "register" => request.Method == "POST" ? RegisterHandler.HandleAsync(request, extensions, registration, connection) : Reply(connection, HttpResponses.MethodNotAllowed),
        "event/next" => request.Method == "GET" ? EventNextHandler.HandleAsync(request, extensions, connection) : Reply(connection, HttpResponses.MethodNotAllowed),
        "init/error" => request.Method == "POST" ? ErrorReportHandler.HandleAsync(request, extensions, duringInit: true, connection) : Reply(connection, HttpResponses.MethodNotAllowed),
        "exit/error" => request.Method == "POST" ? ErrorReportHandler.HandleAsync(request, extensions, duringInit: false, connection) : Reply(connection, HttpResponses.MethodNotAllowed),
        _ => Reply(connection, HttpResponses.NotFound),
    };

    private static async ValueTask<bool> Reply(HttpConnection connection, byte[] response)
    {
        await connection.SendAsync(response).ConfigureAwait(false);
        return true;
    }
}
