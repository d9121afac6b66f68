namespace DevTools.Client;

/// <summary>The Lambda service refused the request (the JSON-RPC error carried Lambda's error type and status).</summary>
public sealed class LambdaServiceErrorException(string errorType, int statusCode, string message, string? reason, Exception inner)
    : Exception(message, inner)
{
    /// <summary>Lambda's error type, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>The status the Invoke API answers with, e.g. 404.</summary>
    public int StatusCode { get; } = statusCode;

    public string? Reason { get; } = reason;
}

/// <summary>No backend answers for the workspace, and none could be started.</summary>
public sealed class BackendUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
