using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary><c>POST /2020-01-01/extension/init/error</c> and <c>/extension/exit/error</c>: an extension says it failed.</summary>
internal static class ErrorReportHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, ExtensionRegistry registry, bool duringInit, HttpConnection connection)
    {
        registry.ReportError(request.Header("Lambda-Extension-Identifier"), request.Header("Lambda-Extension-Function-Error-Type"), duringInit);
        await connection.SendAsync(HttpResponses.Accepted).ConfigureAwait(false);
        return true;
    }
}
