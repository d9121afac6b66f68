using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary><c>POST /runtime/invocation/{id}/error</c>: the function or runtime failed this invoke.</summary>
internal static class InvocationErrorHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, string requestId, RuntimeSession session, HttpConnection connection)
    {
        var errorType = ErrorTypes.FromRequest(request);
        var answer = session.AcceptError(requestId, errorType, request.BodyTooLarge ? [] : request.Body);
        // Acknowledged first, as a response is (see InvocationResponseHandler).
        await connection.TrySendAsync(HttpResponses.Accepted).ConfigureAwait(false);
        answer();
        return true;
    }
}
