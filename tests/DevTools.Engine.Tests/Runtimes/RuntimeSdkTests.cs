using System.Diagnostics;
using DevTools.Engine.Events;
using DevTools.Engine.Runtimes.Sdk;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>
/// The SDK Lambda's runtimes carry (the AWS SDK for JavaScript v3, boto3), served from the per-machine cache the way
/// the quick-start templates of <c>sam init</c> rely on it. These tests use the machine's real cache (filled from the npm
/// registry on first need) unless they need an empty one.
/// </summary>
public sealed class RuntimeSdkTests
{
    private static TestEngine Engine(DevTools.Engine.Catalog.FunctionConfiguration function, string? sdkDirectory = null, string? python = null) =>
        new(TestFunctions.Catalog(function), new EngineOptions { WatchCode = false, RuntimeSdkDirectory = sdkDirectory, PythonExecutable = python ?? "python3" });

    [Fact]
    public async Task NodeFunctionUsesTheRuntimeProvidedSdkWithoutBundlingIt()
    {
        var function = TestFunctions.Managed("Items", "nodejs22.x", "runtime-sdk/node-uses-sdk", "index.handler", timeoutSeconds: 20);
        await using var test = Engine(function);

        var first = await test.InvokeAsync("Items", new { id = "42" });
        var second = await test.InvokeAsync("Items", new { id = "43" });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.Equal("items", first.Json().GetProperty("tables")[0].GetString());
        Assert.Equal("42", first.Json().GetProperty("item").GetProperty("id").GetString());
        Assert.True(first.Json().GetProperty("item").GetProperty("signed").GetBoolean(), "the SDK signs its requests");
        Assert.Equal("us-east-1", first.Json().GetProperty("s3Region").GetString());
        Assert.False(second.ColdStart);
        Assert.Equal("43", second.Json().GetProperty("item").GetProperty("id").GetString());
        var initStart = Assert.Single(test.Of<PlatformInitStart>());
        Assert.Matches(@"^nodejs22\.x \(AWS SDK for JavaScript 3\.\d+\.\d+\)$", initStart.RuntimeVersion);
    }

    [Fact]
    public async Task AFunctionThatBundlesItsOwnSdkPackageGetsItsOwn()
    {
        var code = TestFunctions.CopyOf("runtime-sdk/node-bundles-sdk");
        var package = Path.Combine(code, "node_modules", "@aws-sdk", "client-s3");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "package.json"), """{ "name": "@aws-sdk/client-s3", "version": "3.0.0-bundled", "main": "index.js" }""");
        File.WriteAllText(Path.Combine(package, "index.js"), "exports.whose = 'bundled'; exports.S3Client = class S3Client {};");
        var function = TestFunctions.Managed("Own", "nodejs20.x", "runtime-sdk/node-bundles-sdk", "index.handler") with { CodeDirectory = code };
        await using var test = Engine(function);

        var result = await test.InvokeAsync("Own");

        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("bundled", result.Json().GetProperty("whose").GetString());
        Assert.Empty(test.Of<BuildStarted>()); // nothing to fetch: the function brings it
    }

    [Fact]
    public async Task AMissingSdkPackageIsFetchedOnFirstNeedAndShownAsABuildStep()
    {
        var cache = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N")[..12], "runtime-sdk");
        var code = Path.Combine(Path.GetDirectoryName(cache)!, "fn");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "index.js"),
            "const { marshall } = require('@aws-sdk/util-dynamodb');\nexports.handler = async () => marshall({ n: 1, s: 'x' });\n");
        var function = TestFunctions.Managed("Fetch", "nodejs20.x", "node", "index.handler", timeoutSeconds: 20) with { CodeDirectory = code };
        await using var test = Engine(function, cache);

        var result = await test.InvokeAsync("Fetch");

        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("1", result.Json().GetProperty("n").GetProperty("N").GetString());
        var started = Assert.Single(test.Of<BuildStarted>());
        Assert.Equal(BuildSteps.RuntimeSdk, started.Step);
        Assert.Contains("@aws-sdk/util-dynamodb", started.Command);
        var finished = Assert.Single(test.Of<BuildFinished>());
        Assert.Equal(RuntimeSdkStatuses.Installed, finished.Status);
        Assert.True(File.Exists(Path.Combine(cache, "nodejs", "node_modules", "@aws-sdk", "util-dynamodb", "package.json")));
        // The install happened before the init began: it is neither Init Duration nor the invoke's time.
        var lines = test.TextLines().ToList();
        Assert.True(lines.FindIndex(l => l.StartsWith("BUILD Fetch runtime-sdk installed")) < lines.FindIndex(l => l.StartsWith("INIT_START")), string.Join('\n', lines));
    }

    [Fact]
    public async Task AnSdkPackageThatCannotBeHadFailsTheInitWithWhatIsMissingAndHowToGetIt()
    {
        var cache = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N")[..12], "runtime-sdk");
        var code = Path.Combine(Path.GetDirectoryName(cache)!, "fn");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "index.js"), "require('@aws-sdk/client-does-not-exist-devtools');\nexports.handler = async () => 1;\n");
        var function = TestFunctions.Managed("Missing", "nodejs20.x", "node", "index.handler", timeoutSeconds: 20) with { CodeDirectory = code };
        await using var test = Engine(function, cache);

        var result = await test.InvokeAsync("Missing");

        Assert.Equal("Runtime.ImportModuleError", result.Json().GetProperty("errorType").GetString());
        Assert.Contains("devtools sdk install @aws-sdk/client-does-not-exist-devtools", result.Json().GetProperty("errorMessage").GetString());
        var failed = Assert.Single(test.Of<BuildFinished>());
        Assert.Equal(RuntimeSdkStatuses.Failed, failed.Status);
        Assert.Contains("npm", failed.Error);
    }

    [Fact]
    public async Task PythonFunctionImportsBoto3AndBuildsAClient()
    {
        var function = TestFunctions.Managed("Py", "python3.12", "runtime-sdk/python-uses-boto3", "app.handler", timeoutSeconds: 20);
        await using var test = Engine(function);

        var result = await test.InvokeAsync("Py");

        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("http://127.0.0.1:9", result.Json().GetProperty("endpoint").GetString());
        Assert.True(result.Json().GetProperty("operations").GetInt32() > 50);
        Assert.Matches(@"^python3\.12 \(boto3 \d+\.\d+\.\d+\)$", Assert.Single(test.Of<PlatformInitStart>()).RuntimeVersion);
    }

    /// <summary>
    /// A Python without boto3 and no package index (this machine's case): the engine copies Debian's python3-boto3
    /// into the per-machine cache and the function imports it from there. The test script installs python3-boto3.
    /// </summary>
    [Fact]
    public async Task PythonWithoutBoto3GetsTheMachinesCopyIntoTheCache()
    {
        Assert.True(Directory.Exists("/usr/lib/python3/dist-packages/boto3"),
            "Debian's python3-boto3 is not installed: apt-get install python3-boto3 (npm test installs it).");
        // Not under /tmp (where a clone of this repository may be): the environment's private /tmp would hide the interpreter.
        var root = Path.Combine("/var/tmp/devtools-tests", "runtime-sdk-" + Guid.NewGuid().ToString("N")[..12]);
        var venv = Path.Combine(root, "venv");
        using (var create = Process.Start("python3", ["-m", "venv", "--without-pip", venv])) await create.WaitForExitAsync();
        var python = Path.Combine(venv, "bin", "python");
        Assert.True(File.Exists(python), "python3 -m venv did not create an interpreter");
        var cache = Path.Combine(root, "runtime-sdk");
        var function = TestFunctions.Managed("Py", "python3.11", "runtime-sdk/python-uses-boto3", "app.handler", timeoutSeconds: 20);
        await using var test = Engine(function, cache, python);

        var result = await test.InvokeAsync("Py");

        Assert.True(result.FunctionError is null, result.Text() + "\n" + string.Join('\n', test.TextLines()));
        Assert.StartsWith(Path.Combine(cache, "python"), result.Json().GetProperty("from").GetString());
        Assert.Equal(RuntimeSdkStatuses.Installed, Assert.Single(test.Of<BuildFinished>()).Status);
    }
}
