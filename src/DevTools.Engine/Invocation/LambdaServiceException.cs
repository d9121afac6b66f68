namespace DevTools.Engine.Invocation;

/// <summary>
/// An invoke that could not run, with the Lambda service error type and HTTP status AWS uses
/// (<c>ResourceNotFoundException</c> 404, <c>TooManyRequestsException</c> 429, ...).
/// </summary>
public sealed class LambdaServiceException : Exception
{
    public LambdaServiceException(string errorType, int statusCode, string message, string? reason = null) : base(message)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
        Reason = reason;
    }

    public string ErrorType { get; }
    public int StatusCode { get; }

    /// <summary>Extra detail some errors carry (e.g. the throttling reason).</summary>
    public string? Reason { get; }

    public static LambdaServiceException FunctionNotFound(string arn) =>
        new("ResourceNotFoundException", 404, $"Function not found: {arn}");

    public static LambdaServiceException InvalidContent(string message) =>
        new("InvalidRequestContentException", 400, message);

    public static LambdaServiceException InvalidParameter(string message) =>
        new("InvalidParameterValueException", 400, message);

    public static LambdaServiceException TooLarge(int limit) =>
        new("RequestTooLargeException", 413, $"Request must be smaller than {limit} bytes for the InvokeFunction operation");

    public static LambdaServiceException Throttled(bool reserved) =>
        new("TooManyRequestsException", 429, "Rate Exceeded.",
            reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded" : "ConcurrentInvocationLimitExceeded");

    public static LambdaServiceException InvalidRuntime(string runtime) =>
        new("InvalidRuntimeException", 502, $"The runtime parameter of {runtime} is not supported locally.");
}
