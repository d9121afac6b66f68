namespace DevTools.PowerShell;

/// <summary>
/// A sample event (New-LocalEvent). Its <see cref="Payload"/> is what Invoke-LocalFunction sends: piped, it binds to
/// -Payload by property name; passed as -Payload, or written as text (Set-Content), it is its JSON.
/// </summary>
public sealed class LocalSampleEvent
{
    /// <summary>The sample's id, e.g. <c>s3-put</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The event as JSON text.</summary>
    public string Payload { get; init; } = "";

    public string TemplatePath { get; init; } = "";

    public override string ToString() => Payload;
}
