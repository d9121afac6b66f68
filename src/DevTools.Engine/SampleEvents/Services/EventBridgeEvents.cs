using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>
/// EventBridge events, all in one envelope (<c>version</c> "0", <c>id</c>, <c>detail-type</c>, <c>source</c>...): a schedule
/// rule's event (SAM lists it as <c>cloudwatch scheduled-event</c>, from when EventBridge was CloudWatch Events) and an
/// application's own event.
/// </summary>
internal static class EventBridgeEvents
{
    private static readonly SampleEventService CloudWatch = new("cloudwatch", "CloudWatch");
    private static readonly SampleEventService EventBridge = new("eventbridge", "EventBridge");

    private static readonly SampleEventFlag Rule = SampleEventFlag.Text("rule", "The schedule rule's name.", "ExampleRule");
    private static readonly SampleEventFlag Source = SampleEventFlag.Text("source", "The event's source.", "com.mycompany.myapp");
    private static readonly SampleEventFlag DetailType = SampleEventFlag.Text("detail-type", "The event's detail-type.", "myDetailType");
    private static readonly SampleEventFlag Detail = SampleEventFlag.JsonObject("detail", "The event's detail: a JSON object.", """{"key1":"value1","key2":"value2"}""");

    public static SampleEvent Scheduled { get; } = new(CloudWatch, "scheduled-event",
        "A schedule rule fired (detail-type Scheduled Event).",
        [Rule, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v => Envelope(v, "Scheduled Event", "aws.events", [$"arn:aws:events:{v.Region}:{v.AccountId}:rule/{v[Rule.Name]}"], new JsonObject()));

    public static SampleEvent Custom { get; } = new(EventBridge, "custom",
        "An application's event put on an event bus (PutEvents) that a rule sends to the function.",
        [Source, DetailType, Detail, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v => Envelope(v, v[DetailType.Name], v[Source.Name], [], v.JsonObject(Detail.Name)));

    private static JsonObject Envelope(SampleEventValues v, string detailType, string source, string[] resources, JsonObject detail) => new()
    {
        ["version"] = "0",
        ["id"] = RandomIds.Uuid(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = v.AccountId,
        ["time"] = EventTimes.IsoSeconds(v.Now),
        ["region"] = v.Region,
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
        ["detail"] = detail,
    };
}
