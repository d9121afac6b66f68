using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>The bundled Ruby runtime client, driven by the engine over the real Runtime API on the machine's Ruby.</summary>
public sealed class RubyRuntimeTests
{
    private static TestEngine Engine(params FunctionConfiguration[] functions) => new(functions);

    private static FunctionConfiguration Ruby(string handler, string runtime = "ruby3.3", int timeoutSeconds = 5) =>
        TestFunctions.Managed("R", runtime, "ruby", handler, timeoutSeconds);

    [Theory]
    [InlineData("ruby3.2")]
    [InlineData("ruby3.3")]
    [InlineData("ruby3.4")]
    public async Task AHandlerRunsColdThenWarmKeepingItsState(string runtime)
    {
        await using var test = Engine(Ruby("handlers.echo", runtime));
        var first = await test.InvokeAsync("R", new { n = 1 });
        var second = await test.InvokeAsync("R", new { n = 2, list = new object[] { 1, "twö ☃", null!, 2.5 } });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal("""{"event":{"n":2,"list":[1,"twö ☃",null,2.5]},"initCount":1,"invocations":2}""", second.Text());
        Assert.Matches($@"^{runtime.Replace(".", @"\.")} \(Ruby \d+\.\d+\.\d+\)$", Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion);
    }

    [Fact]
    public async Task AClassLevelMethodOfANamespacedClassIsAHandler()
    {
        await using var test = Engine(Ruby("handlers.Example::Greeter.greet"));
        var result = await test.InvokeAsync("R", new { name = "you" });
        Assert.Equal("\"hello you from Example::Greeter\"", result.Text());
    }

    [Fact]
    public async Task AnIoResultIsSentAsItIs()
    {
        await using var test = Engine(Ruby("handlers.raw"));
        var result = await test.InvokeAsync("R", "text");
        Assert.Equal("raw:text", result.Text());
        Assert.Equal("application/unknown", result.ContentType);
    }

    [Fact]
    public async Task TheContextCarriesLambdasFields()
    {
        await using var test = Engine(Ruby("handlers.context_fields", timeoutSeconds: 7));
        var result = await test.InvokeAsync("R");
        var json = result.Json();
        Assert.Equal(result.RequestId, json.GetProperty("awsRequestId").GetString());
        Assert.Equal(result.RequestId, json.GetProperty("globalRequestId").GetString());
        Assert.Equal("R", json.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", json.GetProperty("functionVersion").GetString());
        Assert.Equal("256", json.GetProperty("memoryLimitInMB").GetString()); // a string, as AWS's
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:R", json.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("/aws/lambda/R", json.GetProperty("logGroupName").GetString());
        Assert.Contains("[$LATEST]", json.GetProperty("logStreamName").GetString());
        Assert.InRange(json.GetProperty("remaining").GetInt64(), 5000, 7000);
        Assert.InRange(json.GetProperty("deadlineMs").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 4000, 7000);
        Assert.StartsWith("Root=1-", json.GetProperty("traceId").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("identity").ValueKind);
    }

    [Fact]
    public async Task OutputIsLoggedAgainstTheInvoke()
    {
        await using var test = Engine(Ruby("handlers.logs"));
        var result = await test.InvokeAsync("R", tail: true);
        Assert.Equal(result.RequestId, test.Of<FunctionLog>().Single(l => l.Message == "hello from ruby").RequestId);
        Assert.Contains("hello from ruby", result.LogTail);
    }

    [Theory]
    [InlineData("handlers.fails", "Function<RuntimeError>", "Function<UserException>", "something broke")]
    [InlineData("handlers.bad_argument", "Function<ArgumentError>", "Function<ArgumentError>", "not that")] // a core class: the header names it
    public async Task AStandardErrorIsAFunctionErrorAndTheEnvironmentStaysWarm(string handler, string errorType, string header, string message)
    {
        await using var test = Engine(Ruby(handler));
        var result = await test.InvokeAsync("R");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal(header, result.ErrorType);
        var json = result.Json();
        Assert.Equal(message, json.GetProperty("errorMessage").GetString());
        Assert.Equal(errorType, json.GetProperty("errorType").GetString());
        var stack = json.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Matches(@"/handlers\.rb:\d+:in `", Assert.Single(stack));
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message == "Error raised from handler method");
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message.StartsWith("{\r  \"errorMessage\": ") && l.Message.Contains(errorType));
        Assert.False((await test.InvokeAsync("R")).ColdStart);
    }

    [Theory]
    [InlineData("handlers.not_standard", "Function<Exception>", "beyond StandardError")]
    [InlineData("handlers.missing", "Function<NoMethodError>", "undefined method `missing'")]
    public async Task ANoMethodErrorOrANonStandardErrorIsReportedThenTheRuntimeExits(string handler, string errorType, string message)
    {
        await using var test = Engine(Ruby(handler));
        var result = await test.InvokeAsync("R");
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(errorType, result.Json().GetProperty("errorType").GetString());
        Assert.Contains(message, result.Json().GetProperty("errorMessage").GetString());
        Assert.True((await test.InvokeAsync("R")).ColdStart); // AWS's runtime stops after these
    }

    [Theory]
    [InlineData("nofile.handler", "Init<LoadError>", "Init<LoadError>", "cannot load such file -- nofile")]
    [InlineData("raises_at_load.handler", "Init<RuntimeError>", "Function<UserException>", "boom at load")]
    [InlineData("syntax_error.handler", "Init<SyntaxError>", "Function<UserException>", "syntax error")]
    [InlineData("a.b.c.d", "Init<ArgumentError>", "Init<ArgumentError>", "Invalid handler [\"a\", \"b\", \"c\", \"d\"], must be of form FILENAME.METHOD")]
    public async Task InitErrorsAreReportedAsAwssRubyRuntimeDoes(string handler, string errorType, string header, string message)
    {
        await using var test = Engine(Ruby(handler));
        var result = await test.InvokeAsync("R");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal(header, result.ErrorType);
        Assert.Equal(errorType, result.Json().GetProperty("errorType").GetString());
        Assert.Contains(message, result.Json().GetProperty("errorMessage").GetString());
        var report = Assert.Single(test.Of<PlatformInitReport>());
        Assert.Equal(PlatformStatus.Error, report.Status);
        Assert.Equal(header, report.ErrorType);
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message == $"Init error when loading handler {handler}");
        if (handler.StartsWith("raises_at_load"))
            Assert.Matches(@"/raises_at_load\.rb:2:in `<top \(required\)>'$", result.Json().GetProperty("stackTrace")[0].GetString());
    }

    [Fact]
    public async Task CodeForANewerRubyThanTheMachinesSaysWhichRubyRanIt()
    {
        await using var test = Engine(Ruby("newer_ruby.handler", "ruby3.4"));
        var result = await test.InvokeAsync("R", new { value = 7 });
        var version = Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion;
        if (Version.Parse(version[(version.IndexOf("(Ruby ") + 6)..^1]) >= new Version(3, 2))
        {
            Assert.Equal("[7]", result.Text()); // a Ruby new enough parses it
            return;
        }
        Assert.Equal("Init<SyntaxError>", result.Json().GetProperty("errorType").GetString());
        Assert.Matches(@"\(Lambda DevTools ran ruby3\.4 on Ruby \d+\.\d+\.\d+, the machine's: code written for a newer Ruby may not load here; install Ruby 3\.4 or newer to run it\)$",
            result.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task ATimeoutResetsTheEnvironment()
    {
        await using var test = Engine(Ruby("handlers.sleep_for", timeoutSeconds: 2));
        var result = await test.InvokeAsync("R", new { seconds = 10 });
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Contains("Task timed out after 2.00 seconds", result.Text());
        var next = await test.InvokeAsync("R", new { seconds = 0 });
        Assert.True(next.FunctionError is null, next.Text());
        Assert.Equal("\"slept\"", next.Text());
        Assert.True(next.ColdStart); // the runtime was killed at the deadline: a new one starts
    }

    [Fact]
    public async Task TmpIsTheEnvironmentsAndKeepsItsFilesBetweenInvokes()
    {
        await using var test = Engine(Ruby("handlers.tmp"));
        var first = (await test.InvokeAsync("R", new { write = "first" })).Json();
        var second = (await test.InvokeAsync("R", new { write = "second" })).Json();
        Assert.Equal(JsonValueKind.Null, first.GetProperty("before").ValueKind);
        Assert.Equal("first", second.GetProperty("before").GetString());
        var created = Assert.Single(test.Of<EnvironmentCreated>());
        Assert.Equal(test.Engine.Isolation.PrivateTmp ? "/tmp" : created.TmpPath, second.GetProperty("tmpdir").GetString());
    }

    [Fact]
    public async Task GemsVendoredForTheRuntimesVersionAreFound()
    {
        await using var test = Engine(Ruby("handlers.gems", "ruby3.3"));
        var result = await test.InvokeAsync("R");
        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("tiny gem 1.0", result.Json().GetProperty("tiny").GetString());
        Assert.StartsWith(test.Engine.Isolation.PrivateTmp && DevTools.Engine.Isolation.LambdaLayout.Available ? "/var/task/vendor/bundle/ruby/3.3.0:" : Path.Combine(TestFunctions.FunctionsDirectory, "ruby", "vendor/bundle/ruby/3.3.0:"),
            result.Json().GetProperty("gemPath").GetString());
    }

    [Fact]
    public async Task TheLayersRubyLibIsOnTheLoadPath()
    {
        var function = Ruby("handlers.from_layer") with
        {
            Layers = [new LayerConfiguration("greeting", Path.Combine(TestFunctions.FunctionsDirectory, "ruby-layer"))],
        };
        await using var test = Engine(function);
        var result = await test.InvokeAsync("R", "you");
        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("\"hello you, from a layer\"", result.Text());
    }

    [Fact]
    public async Task WithoutRubyAnInvokeFailsAtOnceWithHowToGetIt()
    {
        var test = new TestEngine(TestFunctions.Catalog(Ruby("handlers.echo")), new EngineOptions { WatchCode = false, RubyExecutable = "no-such-ruby" });
        await using var _ = test;
        var result = await test.InvokeAsync("R");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains("ruby3.3 runs on Ruby and this machine has none (no ruby on PATH): install it, e.g. apt-get install ruby", result.Json().GetProperty("errorMessage").GetString());
    }
}
