namespace DevTools.PowerShell;

/// <summary>What the template's API (or a function URL) answered to Invoke-LocalApi.</summary>
public sealed class LocalApiResponse
{
    public int StatusCode { get; init; }

    /// <summary>The answer's headers, names case-insensitive, each with its values in order (Set-Cookie may repeat).</summary>
    public Dictionary<string, string[]> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as text (UTF-8).</summary>
    public string Body { get; init; } = "";

    /// <summary>The body parsed as ConvertFrom-Json would, when the answer's Content-Type is JSON; null otherwise.</summary>
    public object? Json { get; init; }

    public string Method { get; init; } = "";

    /// <summary>The URL the request went to.</summary>
    public string Url { get; init; } = "";

    /// <summary>From sending the request to the end of the answer, as the caller saw it.</summary>
    public double DurationMs { get; init; }

    public string TemplatePath { get; init; } = "";

    public override string ToString() => Body;
}
