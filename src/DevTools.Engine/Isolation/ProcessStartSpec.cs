namespace DevTools.Engine.Isolation;

/// <summary>What to run for an environment's runtime: the command, its directory and its whole environment.</summary>
public sealed record ProcessStartSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments));
}
