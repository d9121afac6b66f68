using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary><c>POST /runtime/invocation/{id}/response</c>: the function's result.</summary>
internal static class InvocationResponseHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, string requestId, RuntimeSession session, HttpConnection connection)
    {
        if (request.Header("Lambda-Runtime-Function-Response-Mode") is { } mode && mode != "streaming")
        {
            await connection.SendAsync(HttpResponses.Error(400, "InvalidFunctionResponseMode", "Invalid function response mode")).ConfigureAwait(false);
            return true;
        }
        if (request.BodyTooLarge)
        {
            // Over the limit still answers the invoke: the caller gets Function.ResponseSizeTooLarge.
            session.RespondTooLarge(requestId, request.BodyLength);
            var tooLarge = RuntimeApiException.TooLarge(LambdaLimits.MaxResponseBytes);
            await connection.SendAsync(HttpResponses.Error(413, tooLarge.ErrorType, tooLarge.Message)).ConfigureAwait(false);
            return true;
        }
        var answer = session.AcceptResponse(requestId, request.Body, request.Header("Content-Type"));
        // Acknowledged before the caller is answered: the runtime heads back to /next while the answer goes out, so a
        // sequential caller's next invoke finds it there instead of waiting for its return.
        await connection.TrySendAsync(HttpResponses.Accepted).ConfigureAwait(false);
        answer();
        return true;
    }
}
