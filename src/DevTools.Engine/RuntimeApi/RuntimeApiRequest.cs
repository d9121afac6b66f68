namespace DevTools.Engine.RuntimeApi;

/// <summary>A parsed Runtime API request: the few headers the API uses, and the body.</summary>
public sealed class RuntimeApiRequest
{
    public required string Method { get; init; }

    /// <summary>The path without its query string.</summary>
    public required string Path { get; init; }

    public string? ContentType { get; set; }
    public string? FunctionErrorType { get; set; }
    public string? ResponseMode { get; set; }
    public bool KeepAlive { get; set; } = true;

    public byte[] Body { get; set; } = [];

    /// <summary>The body's full size; larger than <see cref="Body"/> when it went over the limit and was discarded.</summary>
    public long BodyLength { get; set; }

    public bool BodyTooLarge { get; set; }
}
