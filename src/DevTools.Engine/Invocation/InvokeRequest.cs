namespace DevTools.Engine.Invocation;

/// <summary>An invoke as every front end expresses it (the Invoke API's parameters).</summary>
public sealed record InvokeRequest
{
    /// <summary>Logical id, function name, full ARN or partial ARN (<c>account:function:name</c>), optionally with <c>:qualifier</c>.</summary>
    public required string FunctionName { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }
    public InvocationType InvocationType { get; init; } = InvocationType.RequestResponse;

    /// <summary>Return the last 4 KB of the invoke's log (<c>LogType=Tail</c>).</summary>
    public bool LogTail { get; init; }

    /// <summary>The client context as JSON text, as the runtime receives it (each front end decodes its own encoding once).</summary>
    public string? ClientContext { get; init; }

    public string? Qualifier { get; init; }

    /// <summary>
    /// Return only after the REPORT (so the result carries the final metrics). The Invoke HTTP API
    /// leaves this off: Lambda answers as soon as the function does.
    /// </summary>
    public bool WaitForReport { get; init; }
}
