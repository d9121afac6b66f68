namespace DevTools.Engine.RuntimeApi;

/// <summary>A Runtime API request refused with the status and error body RAPID sends.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(int statusCode, string errorType, string message) : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public int StatusCode { get; }
    public string ErrorType { get; }

    public static RuntimeApiException InvalidRequestId() =>
        new(400, "InvalidRequestID", "Invalid request ID");

    public static RuntimeApiException InvalidTransition(RuntimeState from, string to) =>
        new(403, "InvalidStateTransition",
            $"State transition from {from.Name()} to {to} failed for runtime. Error: State transition is not allowed");

    public static RuntimeApiException TooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({limit} bytes).");
}
