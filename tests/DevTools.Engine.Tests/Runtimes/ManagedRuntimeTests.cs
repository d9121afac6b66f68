using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>The bundled Node.js and Python runtime clients, driven by the engine over the real Runtime API.</summary>
public sealed class ManagedRuntimeTests
{
    private static TestEngine Engine(params DevTools.Engine.Catalog.FunctionConfiguration[] functions) => new(functions);

    [Theory]
    [InlineData("nodejs20.x", "node", "handlers.echo")]
    [InlineData("nodejs22.x", "node-esm", "index.handler")]
    [InlineData("python3.11", "python", "handlers.echo")]
    public async Task HandlersRunColdThenWarm(string runtime, string folder, string handler)
    {
        await using var test = Engine(TestFunctions.Managed("F", runtime, folder, handler));
        var first = await test.InvokeAsync("F", new { n = 1 });
        var second = await test.InvokeAsync("F", new { n = 2 });
        Assert.Null(first.FunctionError);
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal(2, second.Json().GetProperty("event").GetProperty("n").GetInt32());
        if (folder != "node-esm") Assert.Equal(1, second.Json().GetProperty("initCount").GetInt32());
        else Assert.Equal("esm", second.Json().GetProperty("module").GetString());
    }

    [Fact]
    public async Task NodeCallbackHandlersWork()
    {
        await using var test = Engine(TestFunctions.Managed("F", "nodejs20.x", "node", "handlers.callback"));
        var result = await test.InvokeAsync("F", new { x = 1 });
        Assert.Equal("callback", result.Json().GetProperty("style").GetString());
    }

    [Theory]
    [InlineData("nodejs20.x", "node", "handlers.context")]
    [InlineData("python3.11", "python", "handlers.context_fields")]
    public async Task TheContextObjectCarriesLambdasFields(string runtime, string folder, string handler)
    {
        await using var test = Engine(TestFunctions.Managed("Ctx", runtime, folder, handler, timeoutSeconds: 7));
        var result = await test.InvokeAsync("Ctx");
        var json = result.Json();
        Assert.Equal(result.RequestId, json.GetProperty("awsRequestId").GetString());
        Assert.Equal("Ctx", json.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", json.GetProperty("functionVersion").GetString());
        Assert.Equal("256", json.GetProperty("memoryLimitInMB").ToString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Ctx", json.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("/aws/lambda/Ctx", json.GetProperty("logGroupName").GetString());
        Assert.Contains("[$LATEST]", json.GetProperty("logStreamName").GetString());
        Assert.InRange(json.GetProperty("remaining").GetDouble(), 5000, 7000);
        Assert.StartsWith("Root=1-", json.GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("nodejs20.x", "node", "handlers.throws", "CustomError", "something broke")]
    [InlineData("python3.11", "python", "handlers.throws", "ValueError", "something broke")]
    public async Task HandlerExceptionsComeBackAsFunctionErrors(string runtime, string folder, string handler, string type, string message)
    {
        await using var test = Engine(TestFunctions.Managed("F", runtime, folder, handler));
        var result = await test.InvokeAsync("F");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal(type, result.ErrorType);
        Assert.Equal(message, result.Json().GetProperty("errorMessage").GetString());
        Assert.False((await test.InvokeAsync("F")).ColdStart); // still warm after a handler error
    }

    [Theory]
    [InlineData("nodejs20.x", "node", "handlers.missing", "Runtime.HandlerNotFound")]
    [InlineData("nodejs20.x", "node", "handlers.notAFunction", "Runtime.HandlerNotFound")]
    [InlineData("nodejs20.x", "node", "nomodule.handler", "Runtime.ImportModuleError")]
    [InlineData("nodejs20.x", "node", "broken.handler", "Runtime.UserCodeSyntaxError")]
    [InlineData("nodejs20.x", "node", "../up.handler", "Runtime.MalformedHandlerName")]
    [InlineData("python3.11", "python", "handlers.missing", "Runtime.HandlerNotFound")]
    [InlineData("python3.11", "python", "nomodule.handler", "Runtime.ImportModuleError")]
    [InlineData("python3.11", "python", "importerror.handler", "Runtime.ImportModuleError")]
    [InlineData("python3.11", "python", "nodot", "Runtime.MalformedHandlerName")]
    public async Task InitErrorsHaveLambdasErrorTypes(string runtime, string folder, string handler, string errorType)
    {
        await using var test = Engine(TestFunctions.Managed("F", runtime, folder, handler));
        var result = await test.InvokeAsync("F");
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(errorType, result.Json().GetProperty("errorType").GetString());
        var initReport = test.Of<PlatformInitReport>().Single();
        Assert.Equal("error", initReport.Status);
        Assert.Equal(errorType, initReport.ErrorType);
    }

    [Fact]
    public async Task PythonModulesNamedLikeTheClientsOwnAreTheFunctions()
    {
        // The function's runtime.py, errors.py, logs.py... (one per module of the client) import as the function's.
        await using var test = Engine(TestFunctions.Managed("F", "python3.11", "python-shadowing", "runtime.handler"));
        var result = await test.InvokeAsync("F");
        Assert.Null(result.FunctionError);
        var origins = result.Json().EnumerateObject().ToDictionary(module => module.Name, module => module.Value.GetString());
        Assert.Contains("errors", origins.Keys);
        Assert.All(origins, module => Assert.Equal("function", module.Value));
    }

    [Theory]
    [InlineData("nodejs20.x", "node", "handlers.logs", "\tINFO\thello from node")]
    [InlineData("python3.11", "python", "handlers.logs", "hello from python")]
    public async Task FunctionOutputIsLoggedAgainstTheInvoke(string runtime, string folder, string handler, string expected)
    {
        await using var test = Engine(TestFunctions.Managed("F", runtime, folder, handler));
        var result = await test.InvokeAsync("F", tail: true);
        var line = test.Of<FunctionLog>().Single(l => l.Message.EndsWith(expected));
        Assert.Equal(result.RequestId, line.RequestId);
        Assert.Contains(expected, result.LogTail);
        if (runtime.StartsWith("nodejs"))
            Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z\t{result.RequestId}\tINFO\thello from node$", line.Message);
    }
}
