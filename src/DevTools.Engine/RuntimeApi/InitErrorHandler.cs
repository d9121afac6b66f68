using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary><c>POST /runtime/init/error</c>: init failed; the error becomes the first invoke's result.</summary>
internal static class InitErrorHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, RuntimeSession session, HttpConnection connection)
    {
        var errorType = ErrorTypes.FromRequest(request);
        session.InitError(errorType, request.BodyTooLarge ? [] : request.Body);
        await connection.SendAsync(HttpResponses.Accepted).ConfigureAwait(false);
        return true;
    }
}
