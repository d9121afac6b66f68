using System.Text.Encodings.Web;
using System.Text.Json;
using DevTools.Engine.SampleEvents.Services;

namespace DevTools.Engine.SampleEvents;

/// <summary>
/// Every sample event, for every front end (<c>devtools generate-event</c>, <c>lambda/events/*</c>, New-LocalEvent, the
/// editor's event picker): SAM's <c>generate-event</c> services and names, with the shapes the services really send.
/// </summary>
public static class SampleEventCatalog
{
    // Written as a terminal or a file shows it: `red+flower.jpg`, not `red\u002Bflower.jpg`.
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>By service, then as SAM lists each service's events.</summary>
    public static IReadOnlyList<SampleEvent> All { get; } =
    [
        ApiGatewayEvents.AwsProxy,
        HttpApiEvents.HttpApiProxy,
        ApiGatewayEvents.TokenAuthorizer,
        ApiGatewayEvents.RequestAuthorizer,
        EventBridgeEvents.Scheduled,
        CognitoEvents.PreSignUp,
        DynamoDbEvents.Update,
        EventBridgeEvents.Custom,
        KinesisEvents.GetRecords,
        HttpApiEvents.FunctionUrl,
        S3Events.Put,
        S3Events.Delete,
        SnsEvents.Notification,
        SqsEvents.ReceiveMessage,
    ];

    public static IReadOnlyList<SampleEventService> Services { get; } = All.Select(s => s.Service).Distinct().ToList();

    public static IReadOnlyList<SampleEvent> Of(SampleEventService service) => All.Where(s => s.Service == service).ToList();

    /// <summary>The service named (<c>s3</c>), or throws with the names there are.</summary>
    public static SampleEventService Service(string name) =>
        Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SampleEventException($"No sample events for '{name}'. Services: {string.Join(", ", Services.Select(s => s.Name))}.");

    /// <summary>A service's event (<c>s3</c>, <c>put</c>), or throws with the names there are.</summary>
    public static SampleEvent Find(string service, string name)
    {
        var events = Of(Service(service));
        return events.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new SampleEventException($"{events[0].Service.Name} has no sample event '{name}'. Its events: {string.Join(", ", events.Select(s => s.Name))}.");
    }

    /// <summary>The sample with this id (<c>s3-put</c>), or throws with the ids there are.</summary>
    public static SampleEvent Find(string id) =>
        All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new SampleEventException($"No sample event '{id}'. Sample events: {string.Join(", ", All.Select(s => s.Id))}.");

    /// <summary>
    /// The event as JSON text, its flags set from <paramref name="values"/> (by flag name; the others at their defaults).
    /// A name that is no flag of the event, or a value that does not fit its flag, throws <see cref="SampleEventException"/>.
    /// </summary>
    public static string Generate(SampleEvent sample, IEnumerable<KeyValuePair<string, string>>? values, SampleEventContext context)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values ?? [])
        {
            var flag = sample.Flags.FirstOrDefault(f => f.IsNamed(name))
                ?? throw new SampleEventException($"{sample.Title} has no flag '{name}'. Its flags: {string.Join(", ", sample.Flags.Select(f => f.Name))}.");
            if (!given.TryAdd(flag.Name, flag.Normalize(value ?? "")))
                throw new SampleEventException($"{flag.Name} is given twice.");
        }
        foreach (var flag in sample.Flags)
            given.TryAdd(flag.Name, flag.Normalize(flag.DefaultFor(context)));
        return sample.Build(new SampleEventValues(given, context.Now)).ToJsonString(Output);
    }
}
