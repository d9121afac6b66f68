using DevTools.Server.InvokeApi;
using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.InvokeApi;

/// <summary>
/// The Invoke HTTP API on a real loopback socket, over an engine with the probe function and a throttled one
/// (reserved concurrency 0): what the API's tests and its fuzzer both start from.
/// </summary>
public abstract class InvokeApiTestHost : IAsyncLifetime
{
    protected TestEngine Test { get; private set; } = null!;
    protected InvokeApiServer Server { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Test = new TestEngine(TestFunctions.Probe(), TestFunctions.Probe("Limited", reserved: 0));
        Server = await InvokeApiServer.StartAsync(Test.Engine, "127.0.0.1", 0);
        Http = new HttpClient { BaseAddress = Server.Address };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Test.DisposeAsync();
    }
}
