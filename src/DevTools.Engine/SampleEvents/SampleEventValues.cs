using System.Globalization;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents;

/// <summary>The value of every flag of one sample event (given or default, checked), and the time it is generated at.</summary>
public sealed class SampleEventValues
{
    private readonly IReadOnlyDictionary<string, string> _values;

    internal SampleEventValues(IReadOnlyDictionary<string, string> values, DateTimeOffset now)
    {
        _values = values;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    /// <summary>A flag's value; asking for a flag the event does not declare is a bug in the catalogue.</summary>
    public string this[string flag] =>
        _values.TryGetValue(flag, out var value) ? value : throw new InvalidOperationException($"The sample event has no flag '{flag}'.");

    public string Region => this[SampleEventFlag.Region.Name];

    public string AccountId => this[SampleEventFlag.AccountId.Name];

    /// <summary>A flag whose empty value means "none" (no body, no subject).</summary>
    public string? Optional(string flag) => this[flag] is "" ? null : this[flag];

    public long WholeNumber(string flag) => long.Parse(this[flag], CultureInfo.InvariantCulture);

    public JsonObject JsonObject(string flag) => JsonNode.Parse(this[flag])!.AsObject();
}
