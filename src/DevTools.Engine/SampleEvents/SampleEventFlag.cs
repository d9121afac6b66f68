using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents;

/// <summary>What a flag's value must be.</summary>
public enum SampleEventFlagKind
{
    Text,
    WholeNumber,
    JsonObject,
    Choice,
}

/// <summary>
/// One field of a sample event the user may set (<c>--bucket photos</c>): its name, what it means, its default (which may
/// come from where the event is generated, as the region does) and what its value must be.
/// </summary>
public sealed class SampleEventFlag
{
    private readonly Func<SampleEventContext, string> _default;

    private SampleEventFlag(string name, string description, Func<SampleEventContext, string> defaultValue, SampleEventFlagKind kind, IReadOnlyList<string>? choices)
    {
        Name = name;
        Description = description;
        _default = defaultValue;
        Kind = kind;
        Choices = choices;
    }

    /// <summary>As the CLI spells it without its dashes: <c>queue-name</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    public SampleEventFlagKind Kind { get; }

    /// <summary>The values a <see cref="SampleEventFlagKind.Choice"/> flag takes; null for the others.</summary>
    public IReadOnlyList<string>? Choices { get; }

    public string DefaultFor(SampleEventContext context) => _default(context);

    public static SampleEventFlag Text(string name, string description, string defaultValue) =>
        new(name, description, _ => defaultValue, SampleEventFlagKind.Text, null);

    public static SampleEventFlag WholeNumber(string name, string description, long defaultValue) =>
        new(name, description, _ => defaultValue.ToString(CultureInfo.InvariantCulture), SampleEventFlagKind.WholeNumber, null);

    public static SampleEventFlag JsonObject(string name, string description, string defaultValue) =>
        new(name, description, _ => defaultValue, SampleEventFlagKind.JsonObject, null);

    public static SampleEventFlag Choice(string name, string description, string defaultValue, params string[] choices) =>
        new(name, description, _ => defaultValue, SampleEventFlagKind.Choice, choices);

    /// <summary>The region the event comes from; by default the engine's (what the function sees in <c>AWS_REGION</c>).</summary>
    public static SampleEventFlag Region { get; } =
        new("region", "The AWS region the event comes from (default: the engine's).", c => c.Region, SampleEventFlagKind.Text, null);

    /// <summary>The account in the event's ARNs; by default the engine's.</summary>
    public static SampleEventFlag AccountId { get; } =
        new("account-id", "The AWS account in the event's ARNs (default: the engine's).", c => c.AccountId, SampleEventFlagKind.Text, null);

    /// <summary>
    /// Whether a name given by a user means this flag: as spelled (<c>queue-name</c>), in any case, or without its dashes
    /// (<c>queueName</c>, as a PowerShell hashtable or a JSON object would write it).
    /// </summary>
    public bool IsNamed(string name) => string.Equals(Plain(name), Plain(Name), StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as the event uses it (a choice in its own spelling), or throws why it does not fit.</summary>
    public string Normalize(string value)
    {
        switch (Kind)
        {
            case SampleEventFlagKind.WholeNumber:
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    throw new SampleEventException($"{Name} must be a whole number (0 or more), not '{value}'.");
                return number.ToString(CultureInfo.InvariantCulture);
            case SampleEventFlagKind.JsonObject:
                try
                {
                    if (JsonNode.Parse(value) is System.Text.Json.Nodes.JsonObject) return value;
                }
                catch (JsonException)
                {
                }
                throw new SampleEventException($"{Name} must be a JSON object ({{...}}), not '{value}'.");
            case SampleEventFlagKind.Choice:
                return Choices!.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SampleEventException($"{Name} must be one of {string.Join(", ", Choices!)}, not '{value}'.");
            default:
                return value;
        }
    }

    private static string Plain(string name) => name.Replace("-", "").Replace("_", "");
}
