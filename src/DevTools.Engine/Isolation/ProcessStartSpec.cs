namespace DevTools.Engine.Isolation;

/// <summary>What to run for an environment's runtime: the command, its directory and its whole environment.</summary>
public sealed record ProcessStartSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>True when the command starts a new session, so the runtime leads its own process group.</summary>
    public bool OwnsProcessGroup { get; init; }

    /// <summary>Folders the runtime reads beyond its working directory (dependencies, SDKs): a private /tmp must not hide them.</summary>
    public IReadOnlyList<string> ReadPaths { get; init; } = [];

    /// <summary>The function's layers merged (Lambda's <c>/opt</c>); null when it has none.</summary>
    public string? OptDirectory { get; init; }

    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments));
}
