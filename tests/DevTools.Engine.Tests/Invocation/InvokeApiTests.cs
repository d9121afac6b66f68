using System.Text;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Invocation;

/// <summary>The invoke path's contract: invocation types, names, payload checks, log tail and the records.</summary>
public sealed class InvokeApiTests
{
    [Fact]
    public async Task DryRunValidatesOnlyAndStartsNothing()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "echo" }, type: InvocationType.DryRun);
        Assert.Equal(204, result.StatusCode);
        Assert.Empty(test.Engine.ListEnvironments());
        Assert.DoesNotContain(test.Events, e => e is EnvironmentCreated);
    }

    [Fact]
    public async Task EventInvokeIsAcceptedAtOnceAndRunsInTheBackground()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "sleep", seconds = 0.5 }, type: InvocationType.Event);
        Assert.Equal(202, result.StatusCode);
        Assert.True(result.Payload.IsEmpty);
        var completed = await test.WaitForAsync<AsyncInvokeCompleted>(c => c.RequestId == result.RequestId);
        Assert.Null(completed.ErrorType);
        Assert.Equal(1, completed.Attempts);
        Assert.Contains(test.Of<PlatformStart>(), s => s.RequestId == result.RequestId);
    }

    [Fact]
    public async Task FailedEventInvokeIsRetriedTwiceWithTheSameRequestId()
    {
        var options = new EngineOptions { WatchCode = false, AsyncRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)] };
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe()), options);
        var result = await test.InvokeAsync("Probe", new { action = "error" }, type: InvocationType.Event);

        var completed = await test.WaitForAsync<AsyncInvokeCompleted>(c => c.RequestId == result.RequestId);
        Assert.Equal(3, completed.Attempts);
        Assert.Equal("Probe.Failure", completed.ErrorType);
        Assert.Equal(3, test.Of<PlatformStart>().Count(s => s.RequestId == result.RequestId));
        var retries = test.Of<AsyncInvokeRetrying>().ToList();
        Assert.Equal([2, 3], retries.Select(r => r.Attempt));
        Assert.Equal([100.0, 200.0], retries.Select(r => r.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task EventPayloadLimitIsOneMegabyte()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var big = new string('x', 1024 * 1024);
        var e = await Assert.ThrowsAsync<LambdaServiceException>(() => test.InvokeAsync("Probe", new { big }, type: InvocationType.Event));
        Assert.Equal("RequestTooLargeException", e.ErrorType);
        Assert.Equal(413, e.StatusCode);
    }

    [Fact]
    public async Task SyncPayloadOverSixMegabytesIsRequestTooLarge()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var e = await Assert.ThrowsAsync<LambdaServiceException>(() => test.Engine.InvokeAsync(new InvokeRequest
        {
            FunctionName = "Probe",
            Payload = Encoding.UTF8.GetBytes("\"" + new string('x', 6 * 1024 * 1024) + "\""),
        }));
        Assert.Equal(413, e.StatusCode);
        Assert.Equal("Request must be smaller than 6291456 bytes for the InvokeFunction operation", e.Message);
        Assert.Empty(test.Engine.ListEnvironments());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"a\":1} trailing")]
    public async Task MalformedJsonIsInvalidRequestContent(string payload)
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var e = await Assert.ThrowsAsync<LambdaServiceException>(() => test.Engine.InvokeAsync(new InvokeRequest { FunctionName = "Probe", Payload = Encoding.UTF8.GetBytes(payload) }));
        Assert.Equal("InvalidRequestContentException", e.ErrorType);
        Assert.Equal(400, e.StatusCode);
        Assert.StartsWith("Could not parse request body into json", e.Message);
    }

    [Fact]
    public async Task EmptyPayloadArrivesAsAnEmptyObject()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe");
        Assert.Equal("{}", result.Json().GetProperty("event").GetRawText());
    }

    [Theory]
    [InlineData("Probe")]
    [InlineData("Probe:$LATEST")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Probe")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Probe:$LATEST")]
    [InlineData("123456789012:function:Probe")]
    public async Task FunctionsAreFoundByNameAndArn(string name)
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.Engine.InvokeAsync(new InvokeRequest { FunctionName = name, InvocationType = InvocationType.DryRun });
        Assert.Equal(204, result.StatusCode);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("../Probe")]
    [InlineData("Probe:7")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Other")]
    public async Task UnknownFunctionsAreResourceNotFound(string name)
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var e = await Assert.ThrowsAsync<LambdaServiceException>(() => test.Engine.InvokeAsync(new InvokeRequest { FunctionName = name }));
        Assert.Equal("ResourceNotFoundException", e.ErrorType);
        Assert.Equal(404, e.StatusCode);
        Assert.StartsWith("Function not found: arn:aws:lambda:us-east-1:123456789012:function:", e.Message);
    }

    [Fact]
    public async Task ClientContextReachesTheRuntimeAndIsChecked()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.Engine.InvokeAsync(new InvokeRequest { FunctionName = "Probe", Payload = "{\"action\":\"echo\"}"u8.ToArray(), ClientContext = "{\"custom\":{\"k\":\"v\"}}" });
        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", result.Json().GetProperty("headers").GetProperty("lambda-runtime-client-context").GetString());

        var bad = await Assert.ThrowsAsync<LambdaServiceException>(() => test.Engine.InvokeAsync(new InvokeRequest { FunctionName = "Probe", ClientContext = "not json" }));
        Assert.Equal("InvalidRequestContentException", bad.ErrorType);
        var large = await Assert.ThrowsAsync<LambdaServiceException>(() => test.Engine.InvokeAsync(new InvokeRequest { FunctionName = "Probe", ClientContext = $"{{\"a\":\"{new string('x', 4000)}\"}}" }));
        Assert.Equal("InvalidParameterValueException", large.ErrorType);
    }

    [Fact]
    public async Task LogTailHoldsTheInvokeRecordsAndTheFunctionOutputInOrder()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "log", lines = 3 }, tail: true);
        var lines = result.LogTail!.TrimEnd('\n').Split('\n');
        Assert.Equal($"START RequestId: {result.RequestId} Version: $LATEST", lines.First(l => l.StartsWith("START")));
        var start = Array.FindIndex(lines, l => l.StartsWith("START"));
        var end = Array.FindIndex(lines, l => l.StartsWith("END"));
        var report = Array.FindIndex(lines, l => l.StartsWith("REPORT"));
        Assert.True(start < end && end < report, result.LogTail);
        for (var i = 0; i < 3; i++)
        {
            var index = Array.IndexOf(lines, $"log line {i} for {result.RequestId}");
            Assert.InRange(index, start + 1, end - 1);
        }
        Assert.Matches(@"^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$", lines[report]);
    }

    [Fact]
    public async Task LogTailIsCappedAtFourKilobytes()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "log", lines = 400 }, tail: true);
        Assert.InRange(Encoding.UTF8.GetByteCount(result.LogTail!), 3000, 4096);
        Assert.Contains("REPORT RequestId:", result.LogTail);
    }

    [Fact]
    public async Task FunctionLinesAreAttributedToTheirInvoke()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "log", lines = 2 });
        var lines = test.Of<FunctionLog>().Where(l => l.Message.StartsWith("log line")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(result.RequestId, l.RequestId));
        Assert.Null(test.Of<FunctionLog>().Single(l => l.Message == "probe init done").RequestId);
    }

    [Fact]
    public async Task TelemetryEventsHaveLambdasShape()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe");
        await test.WaitForAsync<EnvironmentFrozen>();
        var types = test.Events.Select(e => e.Type).ToList();
        Assert.Equal(
            ["environment.created", "environment.processStarted", "platform.initStart", "platform.initRuntimeDone", "platform.initReport", "platform.start", "platform.runtimeDone", "platform.report", "environment.frozen"],
            types.Where(t => t != "function"));
        var report = System.Text.Json.JsonDocument.Parse(LifecycleEventJson.ToJson(test.Of<PlatformReport>().Single())).RootElement;
        Assert.Equal("platform.report", report.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", report.GetProperty("time").GetString());
        var record = report.GetProperty("record");
        Assert.Equal(result.RequestId, record.GetProperty("requestId").GetString());
        Assert.Equal("success", record.GetProperty("status").GetString());
        var metrics = record.GetProperty("metrics");
        foreach (var field in new[] { "durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB", "initDurationMs" })
            Assert.True(metrics.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task TheFunctionSeesLambdasVariablesAndNotTheHosts()
    {
        Environment.SetEnvironmentVariable("DEVTOOLS_TEST_HOST_SECRET", "leak");
        await using var test = new TestEngine(TestFunctions.Probe(environment: new Dictionary<string, string> { ["MY_SETTING"] = "from-template", ["AWS_REGION"] = "eu-west-9" }));
        var env = (await test.InvokeAsync("Probe", new { action = "env" })).Json().GetProperty("env");

        Assert.False(env.TryGetProperty("DEVTOOLS_TEST_HOST_SECRET", out _));
        Assert.False(env.TryGetProperty("AWS_ACCESS_KEY_ID", out _));
        Assert.Equal("from-template", env.GetProperty("MY_SETTING").GetString());
        Assert.Equal("us-east-1", env.GetProperty("AWS_REGION").GetString()); // reserved variables win
        Assert.Equal("probe", env.GetProperty("_HANDLER").GetString());
        Assert.Equal("Probe", env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal("256", env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        Assert.Equal("$LATEST", env.GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Equal("/aws/lambda/Probe", env.GetProperty("AWS_LAMBDA_LOG_GROUP_NAME").GetString());
        Assert.Matches(@"^\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}$", env.GetProperty("AWS_LAMBDA_LOG_STREAM_NAME").GetString());
        Assert.Equal("on-demand", env.GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString());
        // Lambda's /var/task where environments get their own mount namespace, else the code directory itself.
        var taskRoot = env.GetProperty("LAMBDA_TASK_ROOT").GetString()!;
        var expected = test.Engine.Isolation.PrivateTmp && DevTools.Engine.Isolation.LambdaLayout.Available ? "/var/task" : TestFunctions.Probe().CodeDirectory;
        Assert.Equal(expected, taskRoot);
        Assert.False(env.TryGetProperty("AWS_EXECUTION_ENV", out _)); // OS-only runtimes have none
    }
}
