namespace DevTools.Engine.Catalog.Apis;

/// <summary>
/// An API's or function URL's CORS settings, in one shape for SAM's three spellings (REST <c>Cors</c> with quoted values,
/// HTTP API <c>CorsConfiguration</c>, function URL <c>Cors</c>).
/// </summary>
public sealed record CorsConfiguration
{
    public IReadOnlyList<string> AllowOrigins { get; init; } = ["*"];

    /// <summary>Empty: every method (SAM's default lists all seven verbs).</summary>
    public IReadOnlyList<string> AllowMethods { get; init; } = [];
    public IReadOnlyList<string> AllowHeaders { get; init; } = [];
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];
    public int? MaxAgeSeconds { get; init; }
    public bool AllowCredentials { get; init; }

    public static readonly IReadOnlyList<string> AllMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

    /// <summary>The allowed origin to answer for a request's <c>Origin</c>: <c>*</c>, the origin itself, or null when it is not allowed.</summary>
    public string? OriginFor(string? origin)
    {
        if (AllowOrigins.Contains("*")) return AllowCredentials && origin is not null ? origin : "*";
        return origin is not null && AllowOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) ? origin : null;
    }
}
