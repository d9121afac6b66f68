namespace DevTools.Engine.SampleEvents;

/// <summary>An AWS service that invokes functions, as <c>generate-event</c> names it (<c>s3</c>) and as people call it (<c>S3</c>).</summary>
public sealed record SampleEventService(string Name, string Title);
