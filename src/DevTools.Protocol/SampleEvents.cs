namespace DevTools.Protocol;

/// <summary>The result of <c>lambda/events/samples</c>: every sample event the backend generates.</summary>
public sealed class SampleEventListResult
{
    /// <summary>By service, then as <c>sam local generate-event</c> lists each service's events.</summary>
    public List<SampleEventDescription> Samples { get; set; } = [];
}

/// <summary>One sample event: the event a service sends a function (an S3 put, an SQS batch...).</summary>
public sealed class SampleEventDescription
{
    /// <summary>What <c>lambda/events/generate</c> takes: <c>s3-put</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>As <c>generate-event</c> names it: <c>s3</c>.</summary>
    public string Service { get; set; } = "";

    /// <summary>The event's name within its service: <c>put</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>What a picker shows: <c>S3 put</c>.</summary>
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public List<SampleEventFlagDescription> Flags { get; set; } = [];
}

/// <summary>A field of a sample event the caller may set in <see cref="SampleEventGenerateParams.Values"/>.</summary>
public sealed class SampleEventFlagDescription
{
    /// <summary>As the CLI spells it: <c>queue-name</c> (<c>queueName</c> is accepted too).</summary>
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The value when none is given (the region and account are the backend's).</summary>
    public string Default { get; set; } = "";

    /// <summary>The values it takes, when it takes only some (the HTTP method).</summary>
    public List<string>? Choices { get; set; }
}

/// <summary>The params of <c>lambda/events/generate</c>.</summary>
public sealed class SampleEventGenerateParams
{
    /// <summary>The sample's id, e.g. <c>s3-put</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Flag values by flag name, e.g. <c>{"bucket": "photos"}</c>; the others take their defaults.</summary>
    public Dictionary<string, string>? Values { get; set; }
}

/// <summary>The result of <c>lambda/events/generate</c>.</summary>
public sealed class SampleEventGenerateResult
{
    public string Id { get; set; } = "";

    /// <summary>The event as JSON text: what <see cref="InvokeParams.Payload"/> takes.</summary>
    public string Event { get; set; } = "";
}
