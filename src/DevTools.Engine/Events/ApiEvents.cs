using System.Globalization;
using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>An HTTP request reached an API route or a function URL; the invoke it causes follows (its START comes next).</summary>
public sealed record ApiRequestReceived : LifecycleEvent
{
    public override string Type => "api.request";
    public required string Method { get; init; }

    /// <summary>The path with its query string, as requested.</summary>
    public required string Path { get; init; }

    /// <summary>The route that matched (<c>GET /users/{id}</c>, <c>$default</c>), or <c>URL</c> for a function URL.</summary>
    public required string Route { get; init; }

    /// <summary>The API's logical id, or the function's for its URL.</summary>
    public required string Api { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("method", Method);
        w.WriteString("path", Path);
        w.WriteString("route", Route);
        w.WriteString("api", Api);
    }
}

/// <summary>The answer went back to the HTTP caller.</summary>
public sealed record ApiResponseSent : LifecycleEvent
{
    public override string Type => "api.response";
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required int StatusCode { get; init; }
    public required double DurationMs { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("method", Method);
        w.WriteString("path", Path);
        w.WriteNumber("statusCode", StatusCode);
        w.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        if (RequestId is not null) w.WriteString("requestId", RequestId);
    }

    public string DurationText => DurationMs.ToString("0.00", CultureInfo.InvariantCulture);
}
