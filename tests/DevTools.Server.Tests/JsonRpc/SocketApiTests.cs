using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DevTools.Protocol;
using DevTools.Tests.Shared;
using StreamJsonRpc;

namespace DevTools.Server.Tests.JsonRpc;

/// <summary>The <c>lambda/*</c> methods over the real workspace socket of a real <c>devtools serve</c>, with StreamJsonRpc.</summary>
public sealed class SocketApiTests(SocketBackendFixture backend) : IClassFixture<SocketBackendFixture>
{
    [Fact]
    public async Task EngineInfoDescribesTheBackend()
    {
        await using var client = await backend.ConnectAsync();
        var info = await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo);
        Assert.Equal(backend.Backend.Pid, info.ProcessId);
        Assert.Equal(backend.Workspace.Root, info.Workspace);
        Assert.Equal(backend.Workspace.TemplatePath, info.TemplatePath);
        // The strongest level this machine allows, which the backend also lists first among those available.
        var expected = Engine.Isolation.IsolationPlan.Choose(Engine.LambdaEngine.DetectedCapabilities.Value, Engine.Isolation.IsolationMode.Best).Level;
        Assert.Equal(expected, info.IsolationLevel);
        Assert.Contains(expected, info.IsolationLevels);
        Assert.Equal(expected != "none", info.FreezesEnvironments);
        Assert.Contains("invoke.cancel", info.Capabilities);
        Assert.Equal(10_240, info.Limits.MaxMemoryMb);
        Assert.Equal(120, info.Limits.IdleShutdownSeconds);
        Assert.True(info.Clients >= 1);
    }

    [Fact]
    public async Task EngineInfoSaysWhenTheBackendDoesNotFreeze()
    {
        // Clients wait briefly for an environment.frozen record after an invoke; a --no-freeze backend sends none.
        using var workspace = new BackendWorkspace();
        await using var noFreeze = await BackendProcess.StartAsync(workspace.TemplatePath, "--no-freeze", "--idle-timeout", "60");
        await using var client = await RpcClient.ConnectAsync(noFreeze.SocketPath!);
        Assert.False((await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo)).FreezesEnvironments);
    }

    [Fact]
    public async Task FunctionsListCarriesConfigurationAndPositions()
    {
        await using var client = await backend.ConnectAsync();
        var list = await client.CallAsync<FunctionListResult>(ProtocolMethods.FunctionsList);
        var probe = Assert.Single(list.Functions, f => f.LogicalId == "Probe");
        Assert.Equal("provided.al2023", probe.Runtime);
        Assert.Equal(256, probe.MemorySizeMb);
        Assert.Equal(10, probe.TimeoutSeconds);
        Assert.Equal(4, probe.Line);
        Assert.True(probe.Runnable);
        Assert.Equal(0, Assert.Single(list.Functions, f => f.LogicalId == "Limited").ReservedConcurrentExecutions);
        Assert.DoesNotContain(list.Diagnostics, d => d.Severity == "error");
        var reloaded = await client.CallAsync<FunctionListResult>(ProtocolMethods.FunctionsReload);
        Assert.Equal(list.Functions.Select(f => f.LogicalId), reloaded.Functions.Select(f => f.LogicalId));
    }

    [Fact]
    public async Task InvokeReturnsThePayloadMetricsAndColdStartThenReusesTheEnvironment()
    {
        await using var client = await backend.ConnectAsync();
        await client.CallAsync<EnvironmentStopResult>(ProtocolMethods.EnvironmentsStop, new EnvironmentStopParams { FunctionName = "Probe" });

        var cold = await client.CallAsync<InvokeResponse>(ProtocolMethods.Invoke, new InvokeParams
        {
            FunctionName = "Probe",
            Payload = """{"action":"log","lines":2}""",
            LogTail = true,
            ClientContext = """{"custom":{"from":"rpc"}}""",
        });
        Assert.Equal(200, cold.StatusCode);
        Assert.True(cold.ColdStart);
        Assert.NotNull(cold.Metrics);
        Assert.NotNull(cold.Metrics!.InitDurationMs);
        Assert.Equal(256, cold.Metrics.MemorySizeMb);
        Assert.True(cold.Metrics.MaxMemoryUsedMb > 0);
        Assert.True(cold.Metrics.BilledDurationMs >= 1);
        Assert.Equal("$LATEST", cold.ExecutedVersion);
        Assert.Contains("log line 1", cold.LogTail);
        Assert.Contains("REPORT RequestId: " + cold.RequestId, cold.LogTail);

        var warm = await client.InvokeAsync("Probe", """{"action":"echo"}""");
        Assert.False(warm.ColdStart);
        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.Null(warm.Metrics!.InitDurationMs);
        Assert.Equal(2, JsonDocument.Parse(warm.Payload!).RootElement.GetProperty("invocations").GetInt32());

        var failed = await client.InvokeAsync("Probe", """{"action":"error"}""");
        Assert.Equal("Unhandled", failed.FunctionError);
        Assert.Contains("Probe.Failure", failed.Payload);
    }

    [Fact]
    public async Task EventAndDryRunInvokesAnswer202And204()
    {
        await using var client = await backend.ConnectAsync();
        var queued = await client.CallAsync<InvokeResponse>(ProtocolMethods.Invoke, new InvokeParams { FunctionName = "Probe", InvocationType = "Event" });
        Assert.Equal(202, queued.StatusCode);
        Assert.Null(queued.Payload);
        var dry = await client.CallAsync<InvokeResponse>(ProtocolMethods.Invoke, new InvokeParams { FunctionName = "Probe", InvocationType = "DryRun" });
        Assert.Equal(204, dry.StatusCode);
    }

    [Fact]
    public async Task LifecycleEventsStreamWhileInvoking()
    {
        await using var client = await backend.ConnectAsync();
        await client.CallAsync<object>(ProtocolMethods.EventsSubscribe, new SubscribeParams { FunctionName = "Probe" });
        var result = await client.InvokeAsync("Probe", """{"action":"log","lines":3}""");

        // The backend writes an invoke's events before its answer; the client library may dispatch them a moment later.
        await client.WaitForEventAsync(e => e.RequestId == result.RequestId && e.Type == "platform.report");
        var mine = client.Events.Where(e => e.RequestId == result.RequestId && e.Type != "environment.thawed").ToList();
        Assert.Equal(["platform.start", "function", "function", "function", "platform.runtimeDone", "platform.report"], mine.Select(e => e.Type));
        Assert.Equal("START RequestId: " + result.RequestId + " Version: $LATEST", mine[0].Text);
        var report = mine.Single(e => e.Type == "platform.report");
        Assert.StartsWith("REPORT RequestId: " + result.RequestId, report.Text);
        Assert.Equal(256, report.Record.GetProperty("metrics").GetProperty("memorySizeMB").GetInt32());
        Assert.Equal(result.EnvironmentId, report.EnvironmentId);
        Assert.All(mine, e => Assert.Equal("Probe", e.FunctionName));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", report.Time);

        // The environment's own events follow: frozen after the invoke.
        await client.WaitForEventAsync(e => e.Type == "environment.frozen" && e.EnvironmentId == result.EnvironmentId);
    }

    [Fact]
    public async Task SubscriptionsFilterByFunction()
    {
        await using var client = await backend.ConnectAsync();
        await client.CallAsync<object>(ProtocolMethods.EventsSubscribe, new SubscribeParams { FunctionName = "Python" });
        var probe = await client.InvokeAsync("Probe");
        var python = await client.InvokeAsync("Python", """{"hello":"python"}""");
        Assert.Equal(200, python.StatusCode);
        Assert.Contains(client.Events, e => e.RequestId == python.RequestId && e.Type == "platform.report");
        Assert.DoesNotContain(client.Events, e => e.FunctionName != "Python");
        Assert.DoesNotContain(client.Events, e => e.RequestId == probe.RequestId);

        await client.CallAsync<object>(ProtocolMethods.EventsUnsubscribe);
        var after = await client.InvokeAsync("Python");
        await client.InvokeAsync("Python"); // a second round trip: any stray notification would have arrived by now
        Assert.DoesNotContain(client.Events, e => e.RequestId == after.RequestId);
    }

    [Fact]
    public async Task TwoClientsShareEnvironmentsAndEvents()
    {
        await using var a = await backend.ConnectAsync();
        await using var b = await backend.ConnectAsync();
        await b.CallAsync<object>(ProtocolMethods.EventsSubscribe);

        var result = await a.InvokeAsync("Probe", """{"action":"echo"}""");

        var environments = await b.CallAsync<EnvironmentListResult>(ProtocolMethods.EnvironmentsList, new EnvironmentListParams { FunctionName = "Probe" });
        var shared = Assert.Single(environments.Environments, e => e.Id == result.EnvironmentId);
        Assert.Equal("Probe", shared.LogicalId);
        Assert.Contains(shared.State, new[] { "frozen", "busy" });
        Assert.True(shared.Invocations >= 1);
        Assert.True(shared.Pid > 0);
        Assert.Equal(Engine.Isolation.IsolationPlan.Choose(Engine.LambdaEngine.DetectedCapabilities.Value, Engine.Isolation.IsolationMode.Best).Level, shared.Isolation);
        Assert.True(shared.LastUsedAt >= shared.CreatedAt);

        await b.WaitForEventAsync(e => e.RequestId == result.RequestId && e.Type == "platform.report");
        Assert.Empty(a.Events); // A never subscribed
    }

    [Fact]
    public async Task EnvironmentsCanBeStoppedByFunctionAndById()
    {
        await using var client = await backend.ConnectAsync();
        await client.CallAsync<object>(ProtocolMethods.EventsSubscribe);
        var first = await client.InvokeAsync("Probe");
        var stopped = await client.CallAsync<EnvironmentStopResult>(ProtocolMethods.EnvironmentsStop, new EnvironmentStopParams { EnvironmentId = first.EnvironmentId![..8] });
        Assert.Equal(1, stopped.Stopped);
        var retired = await client.WaitForEventAsync(e => e.Type == "environment.retired" && e.EnvironmentId == first.EnvironmentId);
        Assert.Equal("stopped", retired.Record.GetProperty("reason").GetString());

        await client.InvokeAsync("Probe");
        await client.CallAsync<EnvironmentStopResult>(ProtocolMethods.EnvironmentsStop, new EnvironmentStopParams { FunctionName = "Probe" });
        var left = await client.CallAsync<EnvironmentListResult>(ProtocolMethods.EnvironmentsList, new EnvironmentListParams { FunctionName = "Probe" });
        Assert.Empty(left.Environments);
    }

    // The engine's own error cases (404, 400, 413, 429) are tested at the engine; here, how this front end carries them.
    [Theory]
    [InlineData("Nope", "{}", null, "ResourceNotFoundException", 404)]
    [InlineData("Probe", "{}", "Sometimes", "InvalidParameterValueException", 400)]
    public async Task ServiceErrorsCarryTheLambdaErrorTypeAndStatus(string function, string payload, string? invocationType, string errorType, int status)
    {
        await using var client = await backend.ConnectAsync();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.CallAsync<InvokeResponse>(ProtocolMethods.Invoke, new InvokeParams { FunctionName = function, Payload = payload, InvocationType = invocationType }));
        Assert.Equal(ProtocolErrorCodes.LambdaServiceError, error.ErrorCode);
        var data = Assert.IsType<LambdaErrorData>(error.DeserializedErrorData);
        Assert.Equal(errorType, data.ErrorType);
        Assert.Equal(status, data.StatusCode);
        Assert.DoesNotContain("   at ", error.Message); // never a stack trace
    }

    [Fact]
    public async Task UnknownMethodsAndBadParamsGetStandardCodesAndTheConnectionStaysUp()
    {
        await using var client = await backend.ConnectAsync();
        Assert.Equal(ProtocolErrorCodes.MethodNotFound, await RpcClient.ErrorCodeOfAsync(() => client.CallAsync<object>("lambda/nothing")));
        Assert.Equal(ProtocolErrorCodes.InvalidParams, await RpcClient.ErrorCodeOfAsync(() =>
            client.CallAsync<object>(ProtocolMethods.Invoke, new { functionName = new[] { 1, 2 } })));
        Assert.Equal(ProtocolErrorCodes.InvalidParams, await RpcClient.ErrorCodeOfAsync(() => client.CallAsync<object>(ProtocolMethods.Invoke, new { })));
        Assert.Equal(ProtocolErrorCodes.InvalidParams, await RpcClient.ErrorCodeOfAsync(() =>
            client.CallAsync<object>(ProtocolMethods.EnvironmentsList, new { functionName = 42 })));

        Assert.Equal(backend.Backend.Pid, (await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo)).ProcessId);
    }

    [Fact]
    public async Task MalformedJsonOnTheWireDoesNotTakeTheBackendDown()
    {
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(backend.SocketPath));
            var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"u8.ToArray();
            await socket.SendAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray());
            // The backend answers with a parse error or drops this connection; either way it reads no further.
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await socket.ReceiveAsync(buffer, timeout.Token); }
            catch (SocketException) { }
        }
        await using var client = await backend.ConnectAsync();
        Assert.Equal(200, (await client.InvokeAsync("Probe")).StatusCode);
    }

    [Fact]
    public async Task CancellingAnInvokeStopsTheWaitAndTheInvokeStillFinishes()
    {
        await using var client = await backend.ConnectAsync();
        await client.CallAsync<object>(ProtocolMethods.EventsSubscribe, new SubscribeParams { FunctionName = "Probe" });
        using var cancel = new CancellationTokenSource();
        var invoke = client.InvokeAsync("Probe", """{"action":"sleep","seconds":1.5}""", cancel.Token);
        var start = await client.WaitForEventAsync(e => e.Type == "platform.start" && client.Events.All(x => x.Type != "platform.report" || x.RequestId != e.RequestId));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoke);

        // Lambda lets a started invoke run to its end: its REPORT still comes.
        var report = await client.WaitForEventAsync(e => e.Type == "platform.report" && e.RequestId == start.RequestId);
        Assert.Equal("success", report.Record.GetProperty("status").GetString());
        Assert.Equal(200, (await client.InvokeAsync("Probe")).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheSocketAndItsDirectoryAreTheUsersOnly()
    {
        var directory = Path.GetDirectoryName(backend.SocketPath)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backend.SocketPath));
        var lockFile = Path.ChangeExtension(backend.SocketPath, ".lock");
        using var reader = new StreamReader(new FileStream(lockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        Assert.Equal(backend.Backend.Pid.ToString(), reader.ReadLine());
    }
}
