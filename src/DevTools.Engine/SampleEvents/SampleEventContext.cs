namespace DevTools.Engine.SampleEvents;

/// <summary>
/// Where a sample event is generated: the region and account its <c>region</c> and <c>account-id</c> flags default to
/// (the engine's, so the event matches what the function sees in <c>AWS_REGION</c>), and the time its timestamps say.
/// </summary>
public sealed record SampleEventContext(string Region, string AccountId, DateTimeOffset Now)
{
    /// <summary>The engine's region and account, at the current time.</summary>
    public static SampleEventContext Of(EngineOptions options) => new(options.Region, options.AccountId, DateTimeOffset.UtcNow);
}
