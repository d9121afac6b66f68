using System.Text;
using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.Runtimes.Dotnet;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>
/// The dotnet8 and dotnet10 runtimes: the bundled .NET runtime client over the real Runtime API, on this machine's .NET.
/// The functions (tests/Functions/dotnet) are published by the test build; the Handlers function uses stand-ins of
/// Amazon.Lambda.Core and Amazon.Lambda.Serialization.SystemTextJson, StreamOnly uses nothing of AWS's.
/// </summary>
public sealed class DotnetRuntimeTests
{
    private static FunctionConfiguration Handlers(string type, string method, string runtime = "dotnet8", int timeoutSeconds = 10) =>
        TestFunctions.Managed("F", runtime, "dotnet/Handlers", $"Handlers::Handlers.{type}::{method}", timeoutSeconds);

    private static FunctionConfiguration StreamOnly(string method = "Handler", string folder = "dotnet/StreamOnly") =>
        TestFunctions.Managed("S", "dotnet10", folder, $"StreamOnly::StreamOnly.Function::{method}", timeoutSeconds: 10);

    private static DotnetToolchain Toolchain
    {
        get
        {
            var toolchain = DotnetToolchain.Find("dotnet");
            Assert.True(toolchain.Problem() is null, $"These tests need .NET 10 or later on PATH: {toolchain.Problem()}");
            return toolchain;
        }
    }

    [Fact]
    public async Task ANet8FunctionRunsColdThenWarmOnTheMachinesDotnet()
    {
        var toolchain = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Echo"));
        var first = await test.InvokeAsync("F", new { name = "one" });
        var second = await test.InvokeAsync("F", new { name = "two" });

        Assert.Null(first.FunctionError);
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal(first.EnvironmentId, second.EnvironmentId);
        var json = second.Json();
        Assert.Equal("two", json.GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("instances").GetInt32()); // one handler instance per environment, kept
        Assert.Equal(2, json.GetProperty("invocations").GetInt32());
        Assert.Equal(first.Json().GetProperty("loadedAt").GetInt64(), json.GetProperty("loadedAt").GetInt64());
        Assert.Equal(second.RequestId, json.GetProperty("requestId").GetString());

        // INIT_START names the .NET that ran it: the one the function itself sees (a net8.0 function, rolled forward).
        Assert.Equal(toolchain.Newest!.ToString(), json.GetProperty("version").GetString());
        var initStart = Assert.Single(test.Of<PlatformInitStart>());
        Assert.Equal($"dotnet8 (.NET {toolchain.Newest})", initStart.RuntimeVersion);
    }

    [Fact]
    public async Task AFunctionWithNoAwsDependencyRunsOnStreamsAlone()
    {
        var toolchain = Toolchain;
        await using var test = new TestEngine(StreamOnly());
        var result = await test.InvokeAsync("S", "abc");
        Assert.Null(result.FunctionError);
        Assert.Equal("hello \"ABC\"", result.Text());
        Assert.Equal($"dotnet10 (.NET {toolchain.Newest})", Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion);
    }

    [Fact]
    public async Task TheContextIsTheFunctionsOwnILambdaContext()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Context", timeoutSeconds: 7));
        var result = await test.Engine.InvokeAsync(new InvokeRequest
        {
            FunctionName = "F",
            WaitForReport = true,
            ClientContext = """{"client":{"installation_id":"install-1","app_title":"App"},"custom":{"tier":"gold"},"env":{"platform":"linux"}}""",
        });
        Assert.Null(result.FunctionError);
        var json = result.Json();
        Assert.Equal(result.RequestId, json.GetProperty("awsRequestId").GetString());
        Assert.Equal("F", json.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", json.GetProperty("functionVersion").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:F", json.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal(256, json.GetProperty("memoryLimitInMB").GetInt32());
        Assert.InRange(json.GetProperty("remainingMs").GetDouble(), 5000, 7000);
        Assert.Equal("/aws/lambda/F", json.GetProperty("logGroupName").GetString());
        Assert.Contains("[$LATEST]", json.GetProperty("logStreamName").GetString());
        // The newer members (default interface members in the package) are answered too.
        Assert.StartsWith("Root=1-", json.GetProperty("traceId").GetString());
        Assert.Equal(json.GetProperty("traceId").GetString(), json.GetProperty("envTraceId").GetString());
        Assert.Equal("Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer", json.GetProperty("serializer").GetString());
        Assert.Equal("install-1", json.GetProperty("clientInstallationId").GetString());
        Assert.Equal("gold", json.GetProperty("clientCustom").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("identity").ValueKind);
        Assert.Equal("ILambdaLogger", json.GetProperty("loggerType").GetString());
    }

    [Fact]
    public async Task ConsoleContextLoggerAndStaticLoggerLinesAreLoggedAgainstTheInvoke()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Logs"));
        var result = await test.InvokeAsync("F", tail: true);
        Assert.Equal("\"logged\"", result.Text());
        var lines = test.Of<FunctionLog>().Where(l => l.RequestId == result.RequestId).Select(l => l.Message).ToList();
        string Line(string level, string message) => Assert.Single(lines, l => l.EndsWith($"\t{result.RequestId}\t{level}\t{message}"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t", Line("info", "console line"));
        Line("info", "logger line");
        Line("warn", "logger warning");
        Line("info", "hello dotnet from a template");
        Line("info", "static logger line");
        Line("fail", "stderr line");
        Assert.Contains("static logger line", result.LogTail);
    }

    [Fact]
    public async Task AnExceptionIsTheInvokesErrorAsAwsReportsIt()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Throws"));
        var result = await test.InvokeAsync("F");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("InvalidOperationException", result.ErrorType);
        var json = result.Json();
        Assert.Equal("InvalidOperationException", json.GetProperty("errorType").GetString());
        Assert.Equal("something broke", json.GetProperty("errorMessage").GetString());
        var stack = json.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.StartsWith("at Handlers.Function.Throws()", stack[0]);
        Assert.DoesNotContain(stack, f => f.Contains("DevTools.Runtime") || f.Contains("System.Reflection"));
        Assert.Equal("ArgumentException", json.GetProperty("cause").GetProperty("errorType").GetString());
        Assert.Contains("  \"errorType\"", result.Text()); // indented by two spaces, as AWS's runtime writes it
        Assert.Contains(test.Of<FunctionLog>(), l => l.RequestId == result.RequestId && l.Message.Contains("\tfail\tSystem.InvalidOperationException: something broke"));
        Assert.False((await test.InvokeAsync("F")).ColdStart); // still warm after a handler error
    }

    [Fact]
    public async Task AnAsyncHandlersExceptionIsAwaitedAndReported()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "ThrowsAsync"));
        var result = await test.InvokeAsync("F");
        Assert.Equal("TimeoutException", result.ErrorType);
        Assert.Equal("async failure", result.Json().GetProperty("errorMessage").GetString());
    }

    [Theory]
    [InlineData("NoResult")] // Task
    [InlineData("Nothing")] // void, with an input
    public async Task VoidAndTaskHandlersAnswerNothing(string method)
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", method));
        var result = await test.InvokeAsync("F", new { name = "x" });
        Assert.Null(result.FunctionError);
        Assert.Equal(0, result.Payload.Length);
    }

    [Theory]
    [InlineData("Handlers::Handlers.Function", "The valid format is 'ASSEMBLY::TYPE::METHOD'")]
    [InlineData("Missing::Handlers.Function::Echo", "Could not find the specified handler assembly with the file name 'Missing")]
    [InlineData("Handlers::Handlers.Nope::Echo", "Unable to load type 'Handlers.Nope' from assembly 'Handlers'")]
    [InlineData("Handlers::Handlers.Function::Nope", "Unable to find method 'Nope' in type 'Handlers.Function'")]
    [InlineData("Handlers::Handlers.Function::Overloaded", "appears to have a number of overloads")]
    [InlineData("Handlers::Handlers.Function::TooMany", "the method has more than 2 parameters")]
    [InlineData("Handlers::Handlers.Function::SecondNotContext", "the second parameter is not of type 'Amazon.Lambda.Core.ILambdaContext'")]
    [InlineData("StreamOnly::StreamOnly.Function::NeedsSerializer", "Could not find the LambdaSerializerAttribute on the assembly 'StreamOnly' or method 'NeedsSerializer'")]
    public async Task AHandlerThatDoesNotBindIsAnInitError(string handler, string message)
    {
        _ = Toolchain;
        var folder = handler.StartsWith("StreamOnly", StringComparison.Ordinal) ? "dotnet/StreamOnly" : "dotnet/Handlers";
        await using var test = new TestEngine(TestFunctions.Managed("F", "dotnet8", folder, handler, timeoutSeconds: 10));
        var result = await test.InvokeAsync("F");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("LambdaValidationException", result.ErrorType);
        Assert.Contains(message, result.Json().GetProperty("errorMessage").GetString());
        var initReport = Assert.Single(test.Of<PlatformInitReport>());
        Assert.Equal(PlatformStatus.Error, initReport.Status);
    }

    [Fact]
    public async Task AStaticConstructorThatThrowsIsAnInitError()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("BrokenInit", "Handler"));
        var result = await test.InvokeAsync("F");
        Assert.Equal("TypeInitializationException", result.ErrorType);
        Assert.Equal("InvalidDataException", result.Json().GetProperty("cause").GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task ABackgroundTaskDoesNotAdvanceWhileFrozen()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Ticker", "SinceLast"));
        await test.InvokeAsync("F");
        await test.WaitForAsync<EnvironmentFrozen>();
        await Task.Delay(2000); // 40 ticks would pass if the process were running
        var after = await test.InvokeAsync("F");
        Assert.Equal(1, after.Json().GetProperty("running").GetInt32());
        // A few ticks happen around the freeze and the thaw (more on a busy machine), never the frozen time's.
        Assert.InRange(after.Json().GetProperty("sinceLast").GetInt32(), 0, 10);
        Assert.Contains(test.Events, e => e is EnvironmentThawed t && t.FrozenFor >= TimeSpan.FromMilliseconds(1900));
    }

    [Fact]
    public async Task TmpKeepsWhatAnInvokeWroteForTheNext()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Tmp"));
        var write = await test.InvokeAsync("F", new { content = "kept" });
        var read = await test.InvokeAsync("F", new { });
        Assert.Equal(write.EnvironmentId, read.EnvironmentId);
        Assert.Equal("kept", read.Json().GetProperty("content").GetString());
        // The environment's own /tmp: Lambda's path with a private mount, else its own folder (TMPDIR).
        var tmp = read.Json().GetProperty("tmp").GetString()!.TrimEnd('/');
        if (test.Engine.Isolation.PrivateTmp) Assert.Equal("/tmp", tmp);
        else Assert.NotEqual("/tmp", tmp);
    }

    [Fact]
    public async Task ATimeoutResetsTheEnvironment()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Sleep", timeoutSeconds: 3));
        var result = await test.InvokeAsync("F", new { milliseconds = 8000 });
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Equal(EnvironmentReason.Timeout, (await test.WaitForAsync<EnvironmentReset>()).Reason);
        var next = await test.InvokeAsync("F", new { milliseconds = 1 });
        Assert.True(next.FunctionError is null, next.Text());
        Assert.True(next.ColdStart);
    }

    [Fact]
    public async Task AnUnhandledExceptionOnAnotherThreadEndsTheProcessAsOnLambda()
    {
        _ = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "CrashInBackground"));
        var result = await test.InvokeAsync("F");
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Contains("Runtime exited with error", result.Json().GetProperty("errorMessage").GetString());
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message.Contains("background failure"));
        Assert.Equal(EnvironmentReason.Crash, (await test.WaitForAsync<EnvironmentReset>()).Reason);
    }

    [Fact]
    public async Task WithoutDotnetAnInvokeFailsClearlyAtOnce()
    {
        var engine = new EngineOptions { WatchCode = false, DotnetExecutable = "/nonexistent/dotnet" };
        await using var test = new TestEngine(TestFunctions.Catalog(StreamOnly()), engine);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await test.InvokeAsync("S", "abc");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains(".NET is not installed", result.Json().GetProperty("errorMessage").GetString());
        Assert.Contains("dotnet-runtime-10.0", result.Json().GetProperty("errorMessage").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Null(test.Engine.ListEnvironments().Single().Pid); // nothing was started
    }

    [Fact]
    public async Task CodeForANewerDotnetIsAClearInitError()
    {
        var toolchain = Toolchain;
        var code = TestFunctions.CopyOf("dotnet/StreamOnly");
        var config = Path.Combine(code, "StreamOnly.runtimeconfig.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"10.0.0\"", "\"99.0.0\""));
        await using var test = new TestEngine(StreamOnly(folder: code));
        var result = await test.InvokeAsync("S", "abc");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains($"the function needs .NET 99.0 (its runtimeconfig.json asks for 99.0.0), newer than this machine's .NET {toolchain.Newest}",
            result.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task AProjectFolderIsPublishedOnFirstUseAndAgainAfterAChange()
    {
        _ = Toolchain;
        var project = TestFunctions.CopyOf("dotnet-projects/StreamOnly");
        var cache = Path.Combine(Path.GetDirectoryName(project)!, "cache", "runtime-sdk");
        var options = new EngineOptions { WatchCode = true, RuntimeSdkDirectory = cache };
        var function = TestFunctions.Managed("P", "dotnet10", "x", "StreamOnly::StreamOnly.Function::Handler", timeoutSeconds: 10) with { CodeDirectory = project };

        await using (var test = new TestEngine(TestFunctions.Catalog(function), options))
        {
            var first = await test.InvokeAsync("P", "abc");
            Assert.Null(first.FunctionError);
            Assert.Equal("hello \"ABC\"", first.Text());
            var built = Assert.Single(test.Of<BuildFinished>());
            Assert.Equal((BuildSteps.Publish, "built"), (built.Step, built.Status));
            Assert.StartsWith("dotnet publish", Assert.Single(test.Of<BuildStarted>()).Command);
            Assert.Contains(test.Of<BuildOutput>(), o => o.Line.Contains("StreamOnly ->"));
            // The build is not the function's init: the publish happened before INIT_START.
            Assert.True(test.Events.ToList().FindIndex(e => e is BuildFinished) < test.Events.ToList().FindIndex(e => e is PlatformInitStart));
            Assert.Equal(["Function.cs", "StreamOnly.csproj"], Directory.GetFileSystemEntries(project).Select(Path.GetFileName).Order()); // left as it was

            var source = Path.Combine(project, "Function.cs");
            File.WriteAllText(source, File.ReadAllText(source).Replace("\"hello\"", "\"changed\""));
            Assert.Equal(EnvironmentReason.CodeChanged, (await test.WaitForAsync<EnvironmentRetired>()).Reason);
            var second = await test.InvokeAsync("P", "abc");
            Assert.Equal("changed \"ABC\"", second.Text());
            Assert.True(second.ColdStart);
            Assert.Equal(2, test.Of<BuildFinished>().Count(b => b.Status == "built"));
        }

        // Another engine (a restart) finds the publish still good: no build.
        await using (var again = new TestEngine(TestFunctions.Catalog(function), options with { WatchCode = false }))
        {
            Assert.Equal("changed \"ABC\"", (await again.InvokeAsync("P", "abc")).Text());
            Assert.Empty(again.Of<BuildStarted>());
        }
    }

    [Fact]
    public async Task AProjectThatDoesNotCompileIsAClearInitError()
    {
        _ = Toolchain;
        var project = TestFunctions.CopyOf("dotnet-projects/StreamOnly");
        File.AppendAllText(Path.Combine(project, "Function.cs"), "\nthis is not C#\n");
        var options = new EngineOptions { WatchCode = false, RuntimeSdkDirectory = Path.Combine(Path.GetDirectoryName(project)!, "cache", "runtime-sdk") };
        var function = TestFunctions.Managed("P", "dotnet10", "x", "StreamOnly::StreamOnly.Function::Handler", timeoutSeconds: 10) with { CodeDirectory = project };
        await using var test = new TestEngine(TestFunctions.Catalog(function), options);
        var result = await test.InvokeAsync("P", "abc");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        var message = result.Json().GetProperty("errorMessage").GetString()!;
        Assert.Contains("could not be published", message);
        Assert.Contains("error CS", message);
        Assert.Equal("failed", Assert.Single(test.Of<BuildFinished>()).Status);
    }

    [Fact]
    public async Task AFunctionWithoutARuntimeConfigRunsOnItsRuntimesDotnet()
    {
        var toolchain = Toolchain;
        var code = TestFunctions.CopyOf("dotnet/StreamOnly");
        File.Delete(Path.Combine(code, "StreamOnly.runtimeconfig.json"));
        await using var test = new TestEngine(StreamOnly(folder: code));
        var result = await test.InvokeAsync("S", "abc");
        Assert.Equal("hello \"ABC\"", result.Text());
        Assert.Equal($"dotnet10 (.NET {toolchain.Newest})", Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion);
    }

    [Theory]
    [InlineData("dotnet8", "SelfHosted")] // a handler without "::": an executable assembly, run with dotnet exec
    [InlineData("provided.al2023", "bootstrap")] // the same program as a custom runtime, through its bootstrap
    public async Task AnExecutableThatIsItsOwnRuntimeClientRuns(string runtime, string handler)
    {
        var toolchain = Toolchain;
        await using var test = new TestEngine(TestFunctions.Managed("E", runtime, "dotnet/SelfHosted", handler, timeoutSeconds: 10));
        var first = await test.InvokeAsync("E", new { n = 1 });
        var second = await test.InvokeAsync("E", new { n = 2 });
        Assert.True(first.FunctionError is null, first.Text());
        Assert.True(second.Json().GetProperty("selfHosted").GetBoolean());
        Assert.Equal($".NET {toolchain.Newest}", second.Json().GetProperty("framework").GetString());
        Assert.Equal(2, second.Json().GetProperty("event").GetProperty("n").GetInt32());
        Assert.False(second.ColdStart);
    }

    [Fact]
    public async Task DevtoolsBuildPublishesAProjectAndFailsWhenItDoesNotCompile()
    {
        _ = Toolchain;
        var project = TestFunctions.CopyOf("dotnet-projects/StreamOnly");
        var options = new EngineOptions { WatchCode = true, RuntimeSdkDirectory = Path.Combine(Path.GetDirectoryName(project)!, "cache", "runtime-sdk") };
        var function = TestFunctions.Managed("P", "dotnet10", "x", "StreamOnly::StreamOnly.Function::Handler", timeoutSeconds: 10) with { CodeDirectory = project };
        await using var test = new TestEngine(TestFunctions.Catalog(function), options);

        var built = await test.Engine.BuildAsync(null, force: false);
        Assert.True(built.Succeeded);
        Assert.Equal("built", Assert.Single(built.Functions).Status);
        Assert.StartsWith("dotnet publish", built.Functions[0].Command);
        Assert.Equal("reused", Assert.Single((await test.Engine.BuildAsync(null, force: false)).Functions).Status);
        Assert.Equal("hello \"ABC\"", (await test.InvokeAsync("P", "abc")).Text());
        Assert.Single(test.Of<BuildStarted>()); // the invoke used the build: no publish of its own

        File.AppendAllText(Path.Combine(project, "Function.cs"), "\nthis is not C#\n");
        var broken = await test.Engine.BuildAsync(null, force: false);
        Assert.False(broken.Succeeded);
        Assert.Contains("error CS", Assert.Single(broken.Functions).Message);
        // The change retired the environment; the broken sources are not compiled again by the next cold start: it
        // fails at once with the same errors.
        Assert.Equal(EnvironmentReason.CodeChanged, (await test.WaitForAsync<EnvironmentRetired>()).Reason);
        var result = await test.InvokeAsync("P", "abc");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains("devtools build --force", result.Json().GetProperty("errorMessage").GetString());
        Assert.Equal(2, test.Of<BuildStarted>().Count());
    }

    [Fact]
    public void TheToolchainSaysWhatIsMissingAndHowToGetIt()
    {
        var missing = DotnetToolchain.Find("/nonexistent/dotnet");
        Assert.Null(missing.Newest);
        Assert.Contains("apt-get install dotnet-runtime-10.0", missing.Problem());
        Assert.StartsWith("cannot run: .NET is not installed", missing.Describe());
        var here = Toolchain;
        Assert.Contains(here.Newest!, here.Runtimes);
        Assert.Contains($".NET {here.Newest}", here.Describe());
    }
}
