using DevTools.Server.Hosting;

namespace DevTools.Server.Tests.Hosting;

public sealed class RpcWarmUpTests
{
    [Fact]
    public async Task TheWarmUpRoundTripThroughATypedHandlerSucceeds()
    {
        // The warm-up swallows its failures (it is only a warm-up): a protocol type the formatter cannot carry would
        // silently cost every backend's first client.
        Assert.True(await RpcWarmUp.RunAsync());
    }
}
