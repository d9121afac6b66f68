using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents;

/// <summary>
/// One sample event: the event a service sends a function (an S3 put, an SQS batch...), named as
/// <c>sam local generate-event SERVICE EVENT</c> names it, with the flags that fill its common fields.
/// </summary>
public sealed class SampleEvent(SampleEventService service, string name, string description, IReadOnlyList<SampleEventFlag> flags, Func<SampleEventValues, JsonObject> build)
{
    public SampleEventService Service { get; } = service;

    /// <summary>SAM's name for it within its service: <c>put</c>, <c>receive-message</c>, <c>aws-proxy</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The short id pickers and scripts use: <c>s3-put</c>.</summary>
    public string Id => $"{Service.Name}-{Name}";

    /// <summary>What a picker shows: <c>S3 put</c>.</summary>
    public string Title => $"{Service.Title} {Name}";

    public string Description { get; } = description;

    public IReadOnlyList<SampleEventFlag> Flags { get; } = flags;

    internal JsonObject Build(SampleEventValues values) => build(values);
}
