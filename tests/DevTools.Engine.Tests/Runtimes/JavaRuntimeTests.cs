using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>The bundled Java runtime client, driven by the engine over the real Runtime API on the machine's JDK.</summary>
public sealed class JavaRuntimeTests
{
    private static TestEngine Engine(params FunctionConfiguration[] functions) => new(functions);

    [Theory]
    [InlineData("java21", "classes")]
    [InlineData("java17", "jars")]
    [InlineData("java11", "classes")]
    [InlineData("java8.al2", "jars")]
    public async Task AHandlerRunsColdThenWarmKeepingItsState(string runtime, string layout)
    {
        var code = layout == "classes" ? JavaTestFunctions.ClassesLayout : JavaTestFunctions.JarLayout;
        await using var test = Engine(JavaTestFunctions.Function(runtime, "example.Handlers::echo", code));
        var first = await test.InvokeAsync("J", new { n = 1 });
        var second = await test.InvokeAsync("J", new { n = 2, nested = new { list = new object[] { 1, "two", true, null!, 2.5 } } });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        var json = second.Json();
        Assert.Equal("""{"n":2,"nested":{"list":[1,"two",true,null,2.5]}}""", json.GetProperty("event").GetRawText());
        Assert.Equal(1, json.GetProperty("initCount").GetInt32()); // the class was initialised once
        Assert.Equal(2, json.GetProperty("invocations").GetInt32()); // one handler instance, kept warm
        var initStart = Assert.Single(test.Of<PlatformInitStart>());
        Assert.Matches($@"^{runtime.Replace(".", @"\.")} \(.*JDK \d+[\d.]*\)$", initStart.RuntimeVersion); // which JDK ran it
    }

    [Fact]
    public async Task ARequestHandlerGetsItsPojoAndItsResultIsWrittenAsJackson()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.OrderHandler"));
        var result = await test.InvokeAsync("J", new
        {
            orderId = "o-1",
            items = new object[] { new { sku = "A", count = 2, price = 10.25 }, new { sku = "B", count = "1", price = 5.5 } },
            priority = "HIGH",
            gift = true,
            codes = new { x = 1 },
            note = "hi",
            unknown = new { ignored = true },
        });

        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("""{"lines":["2 x A","1 x B","codes: {x=1}","note: hi"],"orderId":"o-1","total":26.00,"gift":true,"priority":"HIGH","URL":"https://example.com/o-1"}""", result.Text());
    }

    [Theory]
    [InlineData("example.Handlers::upper", "\"shout, héllo ☃\"", "\"SHOUT, HÉLLO ☃\"")]
    [InlineData("example.Handlers::twice", "21", "42")]
    [InlineData("example.Handlers::twice", "\"21\"", "42")] // a string coerced to the int parameter
    [InlineData("example.Handlers::nothing", "{}", "null")]
    [InlineData("example.Handlers::noArguments", "{}", "42")]
    [InlineData("example.Handlers::overloaded", "\"x\"", "\"with context\"")]
    [InlineData("example.Handlers::streams", "{\"a\":1}", "streamed:{\"a\":1}")]
    public async Task HandlerMethodsBindByTheirSignature(string handler, string eventJson, string expected)
    {
        await using var test = Engine(JavaTestFunctions.Function("java17", handler));
        var result = await test.Engine.InvokeAsync(new DevTools.Engine.Invocation.InvokeRequest { FunctionName = "J", Payload = System.Text.Encoding.UTF8.GetBytes(eventJson) });
        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal(expected, result.Text());
    }

    [Fact]
    public async Task ARequestStreamHandlerGetsTheRawEventAndTheContext()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.StreamEcho"));
        var result = await test.InvokeAsync("J", new { raw = "bytes" });
        Assert.Equal(result.RequestId, result.Json().GetProperty("requestId").GetString());
        Assert.Equal("bytes", result.Json().GetProperty("event").GetProperty("raw").GetString());
    }

    [Fact]
    public async Task TheContextCarriesLambdasFields()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::contextFields", timeoutSeconds: 7));
        var result = await test.InvokeAsync("J");
        var json = result.Json();
        Assert.Equal(result.RequestId, json.GetProperty("awsRequestId").GetString());
        Assert.Equal("J", json.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", json.GetProperty("functionVersion").GetString());
        Assert.Equal(256, json.GetProperty("memoryLimitInMB").GetInt32());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:J", json.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("/aws/lambda/J", json.GetProperty("logGroupName").GetString());
        Assert.Contains("[$LATEST]", json.GetProperty("logStreamName").GetString());
        Assert.InRange(json.GetProperty("remaining").GetInt32(), 5000, 7000);
        Assert.StartsWith("Root=1-", json.GetProperty("traceId").GetString());
        Assert.Equal(json.GetProperty("traceId").GetString(), json.GetProperty("xrayTraceId").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("identity").ValueKind);
    }

    [Fact]
    public async Task LoggerCallsAreOneEventAndStdoutIsLogged()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::logs"));
        var result = await test.InvokeAsync("J", tail: true);
        Assert.Equal("\"logged\"", result.Text());
        var lines = test.Of<FunctionLog>().Where(l => l.RequestId == result.RequestId).Select(l => l.Message).ToList();
        Assert.Contains("hello from java\rsecond line", lines); // Context.getLogger().log: one event
        Assert.Contains("through LambdaRuntime", lines); // LambdaRuntime.getLogger() is the runtime's logger
        Assert.Contains("println from java ☕", lines); // UTF-8, whatever the machine's locale
        Assert.Contains("println from java ☕", result.LogTail);
    }

    [Fact]
    public async Task AHandlerExceptionIsAnErrorWithItsClassAndStackAndTheEnvironmentStaysWarm()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::fail"));
        var result = await test.InvokeAsync("J");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Runtime.UserException", result.ErrorType);
        var json = result.Json();
        Assert.Equal("something broke", json.GetProperty("errorMessage").GetString());
        Assert.Equal("java.lang.IllegalStateException", json.GetProperty("errorType").GetString());
        var stack = json.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.StartsWith("example.Handlers.fail(Handlers.java:", stack[0]);
        Assert.DoesNotContain(stack, f => f.StartsWith("lambdadevtools.") || f.Contains("reflect"));
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message.StartsWith("something broke: java.lang.IllegalStateException\rjava.lang.IllegalStateException: something broke\r\tat example.Handlers.fail("));
        Assert.False((await test.InvokeAsync("J")).ColdStart);
    }

    [Fact]
    public async Task AnEventThatDoesNotFitTheParameterIsAJsonParsingError()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::twice"));
        var result = await test.InvokeAsync("J", new { not = "an int" });
        Assert.Equal("java.lang.RuntimeException", result.Json().GetProperty("errorType").GetString());
        Assert.Equal("An error occurred during JSON parsing", result.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task AStackOverflowIsReportedAndTheRuntimeStartsAfresh()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::exhaustStack"));
        var result = await test.InvokeAsync("J");
        Assert.Equal("java.lang.StackOverflowError", result.Json().GetProperty("errorType").GetString());
        Assert.True((await test.InvokeAsync("J")).ColdStart); // AWS's runtime exits after a VirtualMachineError
    }

    [Theory]
    [InlineData("example.Missing::handle", "Class not found: example.Missing", "java.lang.ClassNotFoundException")]
    [InlineData("example.Handlers::missing", "No public method named missing with appropriate method signature found on class example.Handlers", "java.lang.NoSuchMethodException")]
    [InlineData("example.NotAHandler", "Class does not implement an appropriate handler interface: example.NotAHandler", "java.lang.IllegalArgumentException")]
    public async Task AHandlerThatCannotBeBoundFailsEveryInvokeAfterASuccessfulInit(string handler, string message, string type)
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", handler));
        var result = await test.InvokeAsync("J");
        Assert.Equal("Runtime.BadFunctionCode", result.ErrorType);
        Assert.Equal($$"""{"errorMessage":"{{message}}","errorType":"{{type}}"}""", result.Text()); // no stackTrace, as AWS's
        Assert.Equal(PlatformStatus.Success, Assert.Single(test.Of<PlatformInitReport>()).Status);
        var again = await test.InvokeAsync("J");
        Assert.False(again.ColdStart);
        Assert.Equal(result.Text(), again.Text());
    }

    [Fact]
    public async Task AClassThatCannotBeLoadedIsAnInitError()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.BrokenInit::handle"));
        var result = await test.InvokeAsync("J");
        Assert.Equal("Runtime.BadFunctionCode", result.ErrorType);
        var json = result.Json();
        Assert.Equal("Error loading class example.BrokenInit: static init failed", json.GetProperty("errorMessage").GetString());
        Assert.Equal("java.lang.IllegalStateException", json.GetProperty("errorType").GetString());
        Assert.StartsWith("example.BrokenInit.<clinit>(BrokenInit.java:", json.GetProperty("stackTrace")[0].GetString());
        var report = Assert.Single(test.Of<PlatformInitReport>());
        Assert.Equal(PlatformStatus.Error, report.Status);
        Assert.Equal("Runtime.BadFunctionCode", report.ErrorType);
    }

    [Fact]
    public async Task CodeWithoutTheAwsLambdaJavaCoreItWasCompiledAgainstIsAnInitError()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::echo", JavaTestFunctions.WithoutCoreLayout));
        var result = await test.InvokeAsync("J");
        Assert.Equal("Runtime.BadFunctionCode", result.ErrorType);
        Assert.Equal("java.lang.NoClassDefFoundError", result.Json().GetProperty("errorType").GetString());
        Assert.Equal("Error loading class example.Handlers: com/amazonaws/services/lambda/runtime/Context", result.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task CodeCompiledForANewerJavaThanTheJdkHereIsAClearInitError()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.TooNew::handle"));
        var result = await test.InvokeAsync("J");
        var json = result.Json();
        Assert.Equal("java.lang.UnsupportedClassVersionError", json.GetProperty("errorType").GetString());
        var message = json.GetProperty("errorMessage").GetString()!;
        Assert.StartsWith("Error loading class example.TooNew: example/TooNew has been compiled by a more recent version of the Java Runtime (class file version 99.0)", message);
        Assert.Matches(@"Lambda DevTools ran java21 on JDK \d+[\d.]* \(.+\); the class needs Java 55 or newer, newer than java21 itself\)$", message);
        Assert.Equal(PlatformStatus.Error, Assert.Single(test.Of<PlatformInitReport>()).Status);
    }

    [Fact]
    public async Task ATimeoutResetsTheEnvironment()
    {
        // The next invoke's init (a JVM's start) counts against its timeout: 3 s leaves room on a busy machine.
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::sleep", timeoutSeconds: 3));
        var result = await test.InvokeAsync("J", new { ms = 10_000 });
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Contains("Task timed out after 3.00 seconds", result.Text());
        var next = await test.InvokeAsync("J", new { ms = 1 });
        Assert.True(next.FunctionError is null, next.Text());
        Assert.Equal("\"slept\"", next.Text());
        Assert.True(next.ColdStart); // the JVM was killed at the deadline: a new one starts
    }

    [Fact]
    public async Task TmpIsTheEnvironmentsAndKeepsItsFilesBetweenInvokes()
    {
        await using var test = Engine(JavaTestFunctions.Function("java21", "example.Handlers::tmp"));
        var first = (await test.InvokeAsync("J", new { write = "first" })).Json();
        var second = (await test.InvokeAsync("J", new { write = "second" })).Json();
        Assert.Equal(JsonValueKind.Null, first.GetProperty("before").ValueKind);
        Assert.Equal("first", second.GetProperty("before").GetString());
        var created = Assert.Single(test.Of<EnvironmentCreated>());
        Assert.Equal(test.Engine.Isolation.PrivateTmp ? "/tmp" : created.TmpPath, second.GetProperty("tmpdir").GetString());
        Assert.True(File.Exists(Path.Combine(created.TmpPath, "java-test.txt")));
    }

    [Fact]
    public async Task TheJvmGetsLambdasOptionsAndJavaToolOptionsWins()
    {
        await using var plain = Engine(JavaTestFunctions.Function("java21", "example.Handlers::jvm"));
        var json = (await plain.InvokeAsync("J")).Json();
        var arguments = json.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("-Xmx222822k", arguments); // 85 % of 256 MB
        Assert.Contains("-XX:TieredStopAtLevel=1", arguments);
        Assert.Contains("-XX:+UseSerialGC", arguments);
        Assert.InRange(json.GetProperty("maxHeap").GetInt64(), 150L << 20, 222822L << 10);

        var options = new Dictionary<string, string> { ["JAVA_TOOL_OPTIONS"] = "-XX:TieredStopAtLevel=4 -Dexample.flag=set -Xmx100m" };
        await using var tuned = Engine(JavaTestFunctions.Function("java21", "example.Handlers::jvm", environment: options));
        json = (await tuned.InvokeAsync("J")).Json();
        arguments = json.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal("set", json.GetProperty("flag").GetString());
        Assert.DoesNotContain("-XX:TieredStopAtLevel=1", arguments);
        Assert.DoesNotContain(arguments, a => a!.StartsWith("-Xmx2"));
        Assert.InRange(json.GetProperty("maxHeap").GetInt64(), 50L << 20, 100L << 20);
        Assert.Contains(tuned.Of<FunctionLog>(), l => l.Message.StartsWith("Picked up JAVA_TOOL_OPTIONS: "));
    }

    [Fact]
    public async Task JarsOfTheLayersAreOnTheClassPath()
    {
        var function = JavaTestFunctions.Function("java21", "example.Handlers::fromLayer") with
        {
            Layers = [new LayerConfiguration("greeting", JavaTestFunctions.Layer)],
        };
        await using var test = Engine(function);
        var result = await test.InvokeAsync("J", "you");
        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("\"hello you, from a layer\"", result.Text());
    }

    [Fact]
    public async Task WithoutAJdkAnInvokeFailsAtOnceWithHowToGetOne()
    {
        var test = new TestEngine(TestFunctions.Catalog(JavaTestFunctions.Function("java21", "example.Handlers::echo")),
            new EngineOptions { WatchCode = false, JavaHome = Path.Combine(Path.GetTempPath(), "no-such-jdk") });
        await using var _ = test;
        var result = await test.InvokeAsync("J");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains("java21 runs on a JDK and this machine has none", result.Json().GetProperty("errorMessage").GetString());
        Assert.Equal("java21", Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion);
    }
}
