using System.Text.Json;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary>
/// One extension's <c>PUT /2022-07-01/telemetry</c>: the event types it wants, where they go (an HTTP listener of the
/// extension, addressed as <c>sandbox.localdomain</c>), and how Lambda batches them. Parsed and checked against the
/// spec's rules; a refusal is the spec's <c>400 ValidationError</c>.
/// </summary>
public sealed record TelemetrySubscription(string Extension, IReadOnlyList<string> Types, Uri Destination, int MaxItems, int MaxBytes, TimeSpan Timeout)
{
    public static readonly string[] SchemaVersions = ["2022-07-01", "2022-12-13", "2025-01-29"];
    public static readonly string[] EventTypes = ["platform", "function", "extension"];

    /// <summary>The Telemetry API type of an event of the engine's model (<c>platform</c>, <c>function</c>, <c>extension</c>); null for the engine's own.</summary>
    public static string? TypeOf(string eventType) => eventType switch
    {
        "function" => "function",
        "extension" => "extension",
        _ when eventType.StartsWith("platform.", StringComparison.Ordinal) => "platform",
        _ => null,
    };

    public static TelemetrySubscription Parse(string extension, byte[] body)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { throw Invalid("The request body is not JSON: " + e.Message); }
        if (root.ValueKind != JsonValueKind.Object) throw Invalid("The request body must be an object.");

        if (!root.TryGetProperty("schemaVersion", out var schema) || schema.ValueKind != JsonValueKind.String || !SchemaVersions.Contains(schema.GetString()))
            throw Invalid($"schemaVersion must be one of {string.Join(", ", SchemaVersions)}.");
        if (!root.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array || types.GetArrayLength() == 0
            || types.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || !EventTypes.Contains(t.GetString())))
            throw Invalid($"types must list one or more of {string.Join(", ", EventTypes)}.");
        if (!root.TryGetProperty("destination", out var destination) || destination.ValueKind != JsonValueKind.Object
            || !destination.TryGetProperty("protocol", out var protocol) || protocol.GetString() != "HTTP"
            || !destination.TryGetProperty("URI", out var uriText) || !Uri.TryCreate(uriText.GetString(), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp || uri.Host != "sandbox.localdomain")
            throw Invalid("destination must be {\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:PORT/PATH\"} (TCP destinations are not supported locally).");

        var buffering = root.TryGetProperty("buffering", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        return new TelemetrySubscription(extension, types.EnumerateArray().Select(t => t.GetString()!).Distinct().ToList(), uri,
            Limit(buffering, "maxItems", 1_000, 10_000, 10_000), Limit(buffering, "maxBytes", 262_144, 1_048_576, 262_144),
            TimeSpan.FromMilliseconds(Limit(buffering, "timeoutMs", 25, 30_000, 1_000)));
    }

    private static int Limit(JsonElement buffering, string name, int min, int max, int fallback)
    {
        if (buffering.ValueKind != JsonValueKind.Object || !buffering.TryGetProperty(name, out var value)) return fallback;
        if (!value.TryGetInt32(out var number) || number < min || number > max) throw Invalid($"buffering.{name} must be between {min} and {max}.");
        return number;
    }

    private static RuntimeApiException Invalid(string message) => new(400, "ValidationError", message);
}
