namespace DevTools.Engine.RuntimeApi;

/// <summary>One event handed to a runtime through <c>/next</c>, with the headers Lambda sends with it.</summary>
public sealed class RuntimeInvocation
{
    public required string RequestId { get; init; }
    public required ReadOnlyMemory<byte> Payload { get; init; }
    /// <summary>Set by the environment when the event is handed over (the timeout runs from there).</summary>
    public long DeadlineMs { get; set; }
    public required string InvokedFunctionArn { get; init; }
    public required string TraceId { get; init; }
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }
    public string ContentType { get; init; } = "application/json";
}
