using System.Text;
using DevTools.Engine.RuntimeApi;
using DevTools.Engine.RuntimeApi.Extensions;

namespace DevTools.Engine.Tests.RuntimeApi;

/// <summary>The Extensions API's state on its own (no processes): registration rules, events, and the phases' conditions.</summary>
public sealed class ExtensionRegistryTests
{
    private static readonly RegistrationInfo Info = new("Fn", "$LATEST", "index.handler", "123456789012");

    [Theory]
    [InlineData("", "Extension.InvalidExtensionName")]
    [InlineData(null, "Extension.InvalidExtensionName")]
    public void ANamelessRegistrationIsRefused(string? name, string errorType)
    {
        var e = Assert.Throws<RuntimeApiException>(() => new ExtensionRegistry().Register(name, [], false, Info));
        Assert.Equal((403, errorType), (e.StatusCode, e.ErrorType));
    }

    [Fact]
    public void RegistrationFollowsTheSpecsRules()
    {
        var registry = new ExtensionRegistry();
        var (id, body) = registry.Register("agent", ["INVOKE"], acceptAccountId: true, Info);
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("{\"functionName\":\"Fn\",\"functionVersion\":\"$LATEST\",\"handler\":\"index.handler\",\"accountId\":\"123456789012\"}", Encoding.UTF8.GetString(body));
        Assert.Equal("Extension.InvalidExtensionState", Assert.Throws<RuntimeApiException>(() => registry.Register("agent", [], false, Info)).ErrorType);
        Assert.Equal("Extension.InvalidEventType", Assert.Throws<RuntimeApiException>(() => registry.Register("other", ["LOGS"], false, Info)).ErrorType);
        for (var i = 1; i < ExtensionRegistry.MaxExtensions; i++) registry.Register($"x{i}", [], false, Info);
        Assert.Equal("Extension.TooManyExtensions", Assert.Throws<RuntimeApiException>(() => registry.Register("eleventh", [], false, Info)).ErrorType);

        var closed = new ExtensionRegistry();
        closed.CloseRegistration();
        Assert.Equal("Extension.RegistrationClosed", Assert.Throws<RuntimeApiException>(() => closed.Register("late", [], false, Info)).ErrorType);
    }

    [Theory]
    [InlineData(null, "Extension.MissingExtensionIdentifier")]
    [InlineData("not-a-uuid", "Extension.InvalidExtensionIdentifier")]
    [InlineData("6f1b6c3e-8a6f-4a52-9d0e-3f7f2d5c2a11", "Extension.UnknownExtensionIdentifier")]
    public void AnUnknownIdentifierIsRefused(string? id, string errorType) =>
        Assert.Equal(errorType, Assert.Throws<RuntimeApiException>(() => { _ = new ExtensionRegistry().NextAsync(id); }).ErrorType);

    [Fact]
    public async Task InitEndsWhenEveryExtensionCalledNextAndAnInvokeWhenEveryInvokeSubscriberCalledItAgain()
    {
        var registry = new ExtensionRegistry();
        var (agent, _) = registry.Register("agent", ["INVOKE", "SHUTDOWN"], false, Info);
        Assert.False(registry.AllReady(["agent", "collector"])); // the collector has not registered yet
        var (collector, _) = registry.Register("collector", ["SHUTDOWN"], false, Info);
        var agentNext = registry.NextAsync(agent);
        Assert.False(registry.AllReady(["agent", "collector"]));
        var collectorNext = registry.NextAsync(collector);
        Assert.True(registry.AllReady(["agent", "collector"]));

        Assert.Equal(1, registry.Deliver(EventTypes.Invoke, "{\"eventType\":\"INVOKE\"}"u8.ToArray()));
        Assert.Equal("{\"eventType\":\"INVOKE\"}", Encoding.UTF8.GetString((await agentNext)!));
        Assert.False(collectorNext.IsCompleted); // not registered for INVOKE
        Assert.False(registry.AllIdle);
        var again = registry.NextAsync(agent);
        Assert.True(registry.AllIdle);

        Assert.Equal(2, registry.Deliver(EventTypes.Shutdown, "{\"eventType\":\"SHUTDOWN\"}"u8.ToArray()));
        Assert.NotNull(await again);
        Assert.NotNull(await collectorNext);

        var parked = registry.NextAsync(agent);
        registry.Reset(); // the environment's processes are gone
        Assert.Null(await parked);
    }

    [Fact]
    public void AnErrorReportNeedsItsErrorType()
    {
        var registry = new ExtensionRegistry();
        var (id, _) = registry.Register("agent", [], false, Info);
        string? reported = null;
        registry.ErrorReported += (name, type, duringInit) => reported = $"{name} {type} {duringInit}";
        Assert.Equal("Extension.MissingHeader", Assert.Throws<RuntimeApiException>(() => registry.ReportError(id, null, duringInit: true)).ErrorType);
        registry.ReportError(id, "Extension.ConfigInvalid", duringInit: true);
        Assert.Equal("agent Extension.ConfigInvalid True", reported);
    }
}
