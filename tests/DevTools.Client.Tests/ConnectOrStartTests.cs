using DevTools.Protocol;
using DevTools.Protocol.Transport;
using DevTools.Tests.Shared;

namespace DevTools.Client.Tests;

/// <summary>
/// Connect-or-start with real detached backends: started on first use, shared by every client of the
/// workspace, replaced after a crash, gone when idle. Each test has its own workspace (its own socket).
/// </summary>
public sealed class ConnectOrStartTests : IDisposable
{
    private readonly BackendWorkspace _workspace = new();
    private readonly List<int> _backends = [];

    private ClientOptions Options(double idleSeconds = 60) => new()
    {
        Workspace = _workspace.Root,
        ServeArguments = ["--idle-timeout", idleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        StartTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<DevToolsClient> ConnectAsync(ClientOptions? options = null)
    {
        var client = await DevToolsClient.ConnectOrStartAsync(options ?? Options());
        var pid = (await client.GetEngineInfoAsync()).ProcessId;
        lock (_backends) if (!_backends.Contains(pid)) _backends.Add(pid);
        return client;
    }

    [Fact]
    public async Task TheFirstClientStartsTheBackendAndASecondOneSharesItsEngine()
    {
        using var a = await ConnectAsync();
        using var b = await ConnectAsync();
        var infoA = await a.GetEngineInfoAsync();
        var infoB = await b.GetEngineInfoAsync();
        Assert.Equal(infoA.ProcessId, infoB.ProcessId);
        Assert.NotEqual(Environment.ProcessId, infoA.ProcessId);
        Assert.Equal(_workspace.TemplatePath, infoA.TemplatePath);
        Assert.Equal(2, infoB.Clients);

        await b.SubscribeAsync("Probe");
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = b.ReadEventsAsync(reading.Token).GetAsyncEnumerator(reading.Token);

        var result = await a.InvokeAsync("Probe", """{"action":"echo"}""");
        Assert.True(result.ColdStart);

        var environment = Assert.Single(await b.ListEnvironmentsAsync("Probe"));
        Assert.Equal(result.EnvironmentId, environment.Id);
        Assert.Equal(1, environment.Invocations);

        // B sees A's invoke as it happens, in order.
        var types = new List<string>();
        while (await events.MoveNextAsync())
        {
            if (events.Current.RequestId == result.RequestId) types.Add(events.Current.Type);
            if (events.Current.Type == "platform.report" && events.Current.RequestId == result.RequestId) break;
        }
        Assert.Equal("platform.start", types[0]);
        Assert.Equal("platform.report", types[^1]);
        await events.DisposeAsync();

        Assert.Equal(1, await b.StopEnvironmentsAsync("Probe"));
        await a.ShutdownAsync();
        await ProcessAssert.GoneAsync(infoA.ProcessId, TimeSpan.FromSeconds(15));
        Assert.False(File.Exists(WorkspaceEndpoint.For(_workspace.Root).SocketPath));
    }

    [Fact]
    public async Task AKilledBackendLeavesAStaleSocketThatTheNextConnectReplaces()
    {
        int firstPid;
        using (var client = await ConnectAsync())
        {
            await client.InvokeAsync("Probe");
            firstPid = (await client.GetEngineInfoAsync()).ProcessId;
        }
        using (var killer = System.Diagnostics.Process.GetProcessById(firstPid)) killer.Kill();
        await ProcessAssert.GoneAsync(firstPid, TimeSpan.FromSeconds(10));
        var endpoint = WorkspaceEndpoint.For(_workspace.Root);
        Assert.True(File.Exists(endpoint.SocketPath)); // left behind by the crash

        using var replacement = await ConnectAsync();
        var info = await replacement.GetEngineInfoAsync();
        Assert.NotEqual(firstPid, info.ProcessId);
        Assert.Equal(200, (await replacement.InvokeAsync("Probe")).StatusCode);
        await replacement.ShutdownAsync();
        await ProcessAssert.GoneAsync(info.ProcessId, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AnIdleBackendExitsOnItsOwn()
    {
        int pid;
        using (var client = await ConnectAsync(Options(idleSeconds: 1)))
            pid = (await client.GetEngineInfoAsync()).ProcessId;
        // No client, no environment: gone after the grace period.
        await ProcessAssert.GoneAsync(pid, TimeSpan.FromSeconds(20));
        Assert.False(File.Exists(WorkspaceEndpoint.For(_workspace.Root).SocketPath));
    }

    [Fact]
    public async Task ServiceErrorsBecomeTypedExceptionsAndCancellationStopsTheWait()
    {
        using var client = await ConnectAsync();
        var missing = await Assert.ThrowsAsync<LambdaServiceErrorException>(() => client.InvokeAsync("Nope"));
        Assert.Equal(("ResourceNotFoundException", 404), (missing.ErrorType, missing.StatusCode));
        var throttled = await Assert.ThrowsAsync<LambdaServiceErrorException>(() => client.InvokeAsync("Limited"));
        Assert.Equal(429, throttled.StatusCode);

        await client.SubscribeAsync();
        var started = new TaskCompletionSource<string>();
        client.EventReceived += (_, e) => { if (e.Type == "platform.start") started.TrySetResult(e.RequestId!); };
        using var cancel = new CancellationTokenSource();
        var invoke = client.InvokeAsync(new InvokeParams { FunctionName = "Probe", Payload = """{"action":"sleep","seconds":1}""" }, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoke);
        Assert.Equal(200, (await client.InvokeAsync("Probe")).StatusCode); // the connection is still fine
        await client.ShutdownAsync();
    }

    [Fact]
    public async Task ABackendThatCannotStartIsAClearError()
    {
        var options = Options();
        options.StartCommand = new BackendStartCommand("dotnet", Path.Combine(_workspace.Root, "missing", "devtools.dll"));
        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => DevToolsClient.ConnectOrStartAsync(options));
        Assert.Contains("exited with code", error.Message);
        Assert.Contains("missing", error.Message);

        options.StartIfNotRunning = false;
        var notStarted = await Assert.ThrowsAsync<BackendUnavailableException>(() => DevToolsClient.ConnectOrStartAsync(options));
        Assert.Contains("No backend answers", notStarted.Message);
    }

    public void Dispose()
    {
        // A failed test must not leave its backend running.
        foreach (var pid in _backends)
        {
            try { using var process = System.Diagnostics.Process.GetProcessById(pid); process.Kill(entireProcessTree: true); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        _workspace.Dispose();
    }
}
