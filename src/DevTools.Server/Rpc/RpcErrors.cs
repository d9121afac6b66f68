using DevTools.Engine.Invocation;
using DevTools.Engine.SampleEvents;
using DevTools.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DevTools.Server.Rpc;

/// <summary>An error in a request's parameters that the backend found itself (answered as JSON-RPC's InvalidParams).</summary>
internal sealed class InvalidParamsException(string message) : Exception(message);

/// <summary>
/// The one place exceptions become JSON-RPC errors: Lambda service errors carry their error type and
/// status in <c>data</c>; anything unexpected is an internal error with a message and no stack trace.
/// </summary>
internal sealed class BackendJsonRpc(IJsonRpcMessageHandler handler, Action<string> log) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var error = Unwrap(exception);
        switch (error)
        {
            case LambdaServiceException lambda:
                return new JsonRpcError.ErrorDetail
                {
                    Code = (JsonRpcErrorCode)ProtocolErrorCodes.LambdaServiceError,
                    Message = lambda.Message,
                    Data = new LambdaErrorData { ErrorType = lambda.ErrorType, StatusCode = lambda.StatusCode, Reason = lambda.Reason },
                };
            case InvalidParamsException or System.Text.Json.JsonException or SampleEventException:
                return new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.InvalidParams, Message = "Invalid params: " + error.Message };
            case LocalRpcException or OperationCanceledException:
                return base.CreateErrorDetails(request, error);
            case ObjectDisposedException:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)ProtocolErrorCodes.ShuttingDown, Message = "The backend is shutting down." };
            default:
                log($"{request.Method} failed: {error}");
                return new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.InternalError, Message = $"The backend failed to run {request.Method}: {error.Message}" };
        }
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        { InnerException: System.Text.Json.JsonException json } => json,
        _ => e,
    };
}
