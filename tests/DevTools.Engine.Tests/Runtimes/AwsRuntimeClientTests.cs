using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>
/// AWS's own Node.js runtime interface client (aws-lambda-ric from npm), unmodified, as a
/// provided-runtime bootstrap: the conformance check for our Runtime API. The test script
/// installs it (tests/Functions/aws-ric); without it this test fails with how to install it.
/// </summary>
public sealed class AwsRuntimeClientTests
{
    private static string CodeDirectory => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../Functions/aws-ric"));

    [Fact]
    public async Task AwsLambdaRicServesInvokesOverOurRuntimeApi()
    {
        Assert.True(Directory.Exists(Path.Combine(CodeDirectory, "node_modules", "aws-lambda-ric")),
            $"aws-lambda-ric is not installed: run `npm install` in {CodeDirectory} (npm test does this).");
        var function = TestFunctions.Probe("Ric", timeoutSeconds: 10, codeDirectory: CodeDirectory) with { Handler = "index.handler" };
        await using var test = new TestEngine(function);

        var first = await test.InvokeAsync("Ric", new { hello = "ric" }, tail: true);
        var second = await test.InvokeAsync("Ric", new { hello = "again" });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal(2, second.Json().GetProperty("invocations").GetInt32());
        Assert.Equal(second.RequestId, second.Json().GetProperty("requestId").GetString());
        Assert.Equal("Ric", second.Json().GetProperty("functionName").GetString());
        Assert.Equal("again", second.Json().GetProperty("event").GetProperty("hello").GetString());
        Assert.Contains("served by aws-lambda-ric", first.LogTail);
    }
}
