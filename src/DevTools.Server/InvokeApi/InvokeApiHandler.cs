using System.Text;
using DevTools.Engine;
using DevTools.Engine.Http;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary>
/// Routes the Invoke API's operations: <c>Invoke</c>, <c>ListFunctions</c> and <c>GetFunction</c>.
/// Errors go out as AWS sends them: <c>x-amzn-ErrorType</c> and a JSON body with <c>Type</c> and <c>Message</c>.
/// </summary>
internal sealed class InvokeApiHandler(LambdaEngine engine)
{
    private const string FunctionsPrefix = "/2015-03-31/functions";
    private const long DrainLimit = 64L * 1024 * 1024;

    /// <summary>Answers one request whose head has been read (the body is read here); null when the caller went away meanwhile.</summary>
    public async Task<InvokeApiResponse?> HandleAsync(HttpRequest request, HttpConnection connection)
    {
        try
        {
            if (!request.Path.StartsWith(FunctionsPrefix, StringComparison.Ordinal))
                throw new LambdaServiceException("UnknownOperationException", 404, "Unknown operation " + request.Path);
            var rest = request.Path[FunctionsPrefix.Length..].Trim('/');
            var segments = rest.Length == 0 ? [] : rest.Split('/');
            switch (request.Method, segments)
            {
                case ("GET", []):
                    return FunctionDescriptions.List(engine);
                case ("GET", [var name]):
                    return FunctionDescriptions.One(engine, Uri.UnescapeDataString(name), request.QueryValue("Qualifier"));
                case ("POST", [var name, "invocations"]):
                    return await InvokeAsync(request, connection, Uri.UnescapeDataString(name)).ConfigureAwait(false);
                default:
                    throw new LambdaServiceException("UnknownOperationException", 404, $"Unknown operation {request.Method} {request.Path}");
            }
        }
        catch (LambdaServiceException e)
        {
            return ServiceErrors.Response(e);
        }
        catch (OperationCanceledException)
        {
            return null; // the caller went away; the invoke itself runs to completion in the engine
        }
    }

    private async Task<InvokeApiResponse> InvokeAsync(HttpRequest request, HttpConnection connection, string name)
    {
        var typeHeader = request.Header("X-Amz-Invocation-Type");
        var type = InvocationTypes.Parse(typeHeader);
        var logType = request.Header("X-Amz-Log-Type");
        if (logType is not (null or "" or "None" or "Tail"))
            throw LambdaServiceException.InvalidParameter($"1 validation error detected: Value '{logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]");

        // Over the limit the body is read and dropped (up to a bound) so the caller, still sending, gets Lambda's 413.
        var limit = type == InvocationType.Event ? LambdaLimits.MaxAsyncRequestBytes : LambdaLimits.MaxSyncRequestBytes;
        await connection.ReadBodyAsync(request, limit, drainLimit: DrainLimit).ConfigureAwait(false);
        if (request.BodyTooLarge) throw LambdaServiceException.TooLarge(limit);

        var qualifier = request.QueryValue("Qualifier");
        var result = await engine.InvokeAsync(new InvokeRequest
        {
            FunctionName = name,
            Qualifier = qualifier,
            Payload = request.Body,
            InvocationType = type,
            LogTail = logType == "Tail" && type == InvocationType.RequestResponse,
            ClientContext = DecodeClientContext(request.Header("X-Amz-Client-Context")),
        }, type == InvocationType.RequestResponse ? connection.WatchForClose() : CancellationToken.None).ConfigureAwait(false);

        var headers = new List<KeyValuePair<string, string>>(4)
        {
            new("X-Amz-Executed-Version", result.ExecutedVersion),
            new("x-amzn-RequestId", result.RequestId),
        };
        if (result.FunctionError is not null) headers.Add(new("X-Amz-Function-Error", result.FunctionError));
        if (result.LogTail is not null) headers.Add(new("X-Amz-Log-Result", Convert.ToBase64String(Encoding.UTF8.GetBytes(result.LogTail))));
        return result.StatusCode == 200
            ? new InvokeApiResponse(200, headers, result.ContentType, result.Payload)
            : new InvokeApiResponse(result.StatusCode, headers, null, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary><c>X-Amz-Client-Context</c> is base64 of the JSON: decoded here, once; the engine checks the JSON.</summary>
    private static string? DecodeClientContext(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return null;
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { throw PayloadValidator.InvalidClientContext(); }
    }
}
