namespace DevTools.Protocol;

/// <summary>JSON-RPC error codes the backend answers with.</summary>
public static class ProtocolErrorCodes
{
    // The JSON-RPC 2.0 codes (StreamJsonRpc answers these itself).
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>LSP's code for a request the client cancelled.</summary>
    public const int RequestCancelled = -32800;

    /// <summary>The Lambda service refused the request; <c>data</c> is a <see cref="LambdaErrorData"/>.</summary>
    public const int LambdaServiceError = -32001;

    /// <summary>The backend is shutting down and takes no new work.</summary>
    public const int ShuttingDown = -32002;
}

/// <summary>The <c>data</c> of a <see cref="ProtocolErrorCodes.LambdaServiceError"/>: what the Lambda Invoke API would answer.</summary>
public sealed class LambdaErrorData
{
    /// <summary>Lambda's error type, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorType { get; set; } = "";

    /// <summary>The HTTP status the Invoke API answers with, e.g. 404.</summary>
    public int StatusCode { get; set; }

    /// <summary>Extra detail some errors carry (the throttling reason).</summary>
    public string? Reason { get; set; }
}
