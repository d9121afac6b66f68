using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary><c>POST /runtime/invocation/{id}/error</c>: the function or runtime failed this invoke.</summary>
internal static class InvocationErrorHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, string requestId, RuntimeSession session, HttpConnection connection)
    {
        var errorType = ErrorTypes.FromRequest(request);
        session.Error(requestId, errorType, request.BodyTooLarge ? [] : request.Body);
        await connection.SendAsync(HttpResponses.Accepted).ConfigureAwait(false);
        return true;
    }
}
