using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary>The <c>devtools</c> command as a user runs it, on the bundled samples.</summary>
public sealed class CliTests
{
    private static string Samples => CliRunner.SamplesDirectory;

    [Theory]
    [InlineData("NodeCjsFunction", "node-cjs")]
    [InlineData("NodeEsmFunction", "node-esm")]
    [InlineData("PythonFunction", "python")]
    [InlineData("DotnetFunction", "dotnet")]
    [InlineData("ShellFunction", "shell")]
    [InlineData("RubyFunction", "ruby")]
    public async Task InvokeRepeatShowsColdThenWarmOnEverySample(string function, string eventName) =>
        AssertColdThenWarm(await InvokeTwiceAsync(Samples, function, eventName));

    [Fact]
    public async Task TheJavaSampleRunsColdThenWarmOnceCompiled()
    {
        // A copy, compiled as run.sh compiles it: the repository's samples stay sources only.
        var copy = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", "samples-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            foreach (var file in Directory.GetFiles(Samples, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Samples, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            JavaCode.Compile(Path.Combine(copy, "functions", "java"), [], Path.Combine(copy, "functions", "java", "src"));

            var result = await InvokeTwiceAsync(copy, "JavaFunction", "java");
            AssertColdThenWarm(result);
            Assert.Contains("INIT_START Runtime Version: java21 (", result.Stderr);
        }
        finally
        {
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<CliResult> InvokeTwiceAsync(string samples, string function, string eventName) =>
        // The interval lets the environment freeze between the two (back-to-back invokes skip the freeze).
        CliRunner.RunAsync(samples, null, "invoke", function, "-t", "template.yaml", "-e", $"events/{eventName}.json", "--repeat", "2", "--interval", "200");

    private static void AssertColdThenWarm(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());

        var results = result.Stdout.Trim().Split('\n', 2);
        var reports = Regex.Matches(result.Stderr, "^REPORT RequestId: .*$", RegexOptions.Multiline).Select(m => m.Value).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("\tInit Duration: ", reports[0]);
        Assert.DoesNotContain("Init Duration", reports[1]);
        Assert.Matches(@"Max Memory Used: [1-9]\d* MB", reports[0]);
        Assert.Contains("ENVIRONMENT", result.Stderr);
        Assert.Contains(" frozen", result.Stderr);
        Assert.Contains(" thawed after", result.Stderr);
        Assert.Contains("Hello from us-east-1", result.Stdout);
        Assert.DoesNotContain("START RequestId", result.Stdout); // records go to stderr, results to stdout
        Assert.True(results.Length >= 1);
    }

    [Fact]
    public async Task InvokeReadsTheEventFromStdinAndWritesJsonEventsWhenAsked()
    {
        var result = await CliRunner.RunAsync(Samples, "{\"from\":\"stdin\"}", "invoke", "NodeCjsFunction", "-e", "-", "--output", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"from\":\"stdin\"", result.Stdout);
        var types = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Contains("platform.initStart", types);
        Assert.Contains("platform.report", types);
        Assert.Contains("function", types);
        Assert.Contains("template.diagnostic", types); // the samples' NodeDepsFunction is not built: a JSON line too
    }

    [Fact]
    public async Task ParameterOverridesReachTheFunction()
    {
        var result = await CliRunner.RunAsync(Samples, null, "invoke", "PythonFunction", "--parameter-overrides", "Greeting=Bonjour");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Bonjour from us-east-1", result.Stdout);
    }

    [Fact]
    public async Task EnvVarsFileOverridesTemplateVariables()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"env-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(envFile, "{\"NodeCjsFunction\": {\"GREETING\": \"Overridden\"}}");
        var result = await CliRunner.RunAsync(Samples, null, "invoke", "NodeCjsFunction", "--env-vars", envFile);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"greeting\":\"Overridden\"", result.Stdout);
    }

    [Fact]
    public async Task UnknownFunctionIsTheEnginesErrorWithTheFunctionsListed()
    {
        var result = await CliRunner.RunAsync(Samples, null, "invoke", "Nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Error: ResourceNotFoundException: Function not found: arn:aws:lambda:", result.Stderr);
        Assert.Contains("NodeCjsFunction", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
    }

    [Fact]
    public async Task AFunctionIsNamedAsTheInvokeApiNamesIt()
    {
        // The CLI once resolved names itself and refused ARNs the engine accepts: the engine's answer wins.
        var result = await CliRunner.RunAsync(Samples, null, "invoke", "arn:aws:lambda:us-east-1:123456789012:function:NodeCjsFunction:$LATEST");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("REPORT RequestId:", result.Stderr);
    }

    [Fact]
    public async Task AFunctionErrorPrintsTheErrorAndExitsNonZero()
    {
        var dir = WriteTemplate("""
            Resources:
              Broken:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.11
                  Handler: missing.handler
                  CodeUri: .
            """);
        var result = await CliRunner.RunAsync(dir, null, "invoke");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Runtime.ImportModuleError", result.Stdout);
        Assert.Contains("INIT_REPORT", result.Stderr);
    }

    [Fact]
    public async Task SharedNetworkKeepsEnvironmentsOnTheMachinesNetworkAndDoctorSaysWhich()
    {
        var dir = WriteTemplate($$"""
            Resources:
              Probe:
                Type: AWS::Serverless::Function
                Properties: { Runtime: provided.al2023, Handler: probe, CodeUri: {{Path.Combine(TestFunctions.FunctionsDirectory, "probe")}} }
            """);
        var doctor = await CliRunner.RunAsync(dir, null, "doctor");
        var ownNetwork = doctor.Stdout.Contains("  network                namespace: ");
        Assert.True(ownNetwork || doctor.Stdout.Contains("  network                shared: "), doctor.Stdout);
        Assert.Contains(ownNetwork ? "at host.devtools.internal or host.docker.internal (10.0.2.2)" : "  host services          functions reach", doctor.Stdout);

        string RuntimeApi(CliResult invoke)
        {
            Assert.True(invoke.ExitCode == 0, invoke.ToString());
            return JsonDocument.Parse(invoke.Stdout).RootElement.GetProperty("env").GetProperty("AWS_LAMBDA_RUNTIME_API").GetString()!;
        }
        var own = RuntimeApi(await CliRunner.RunAsync(dir, "{\"action\":\"env\"}", "invoke", "Probe", "-e", "-"));
        var shared = RuntimeApi(await CliRunner.RunAsync(dir, "{\"action\":\"env\"}", "invoke", "Probe", "-e", "-", "--shared-network"));
        Assert.Equal(ownNetwork, own == "127.0.0.1:9001");
        Assert.NotEqual("127.0.0.1:9001", shared);
        Assert.Matches(@"^127\.0\.0\.1:\d+$", shared);
    }

    [Fact]
    public async Task ValidateReportsErrorsWithPositions()
    {
        var dir = WriteTemplate("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  CodeUri: .
                  MemorySize: 64
            """);
        var result = await CliRunner.RunAsync(dir, null, "validate");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"template\.yaml\(8,\d+\): error DT3002: ", result.Stdout);

        var json = await CliRunner.RunAsync(dir, null, "validate", "--output", "json");
        var diagnostic = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("DT3002", diagnostic.GetProperty("code").GetString());
        Assert.Equal(8, diagnostic.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ValidateAcceptsTheSamples()
    {
        var result = await CliRunner.RunAsync(Samples, null, "validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("template.yaml is valid: 10 function(s)", result.Stdout);
    }

    [Fact]
    public async Task StartLambdaServesTheInvokeApiUntilStopped()
    {
        var port = FreePort();
        using var process = Process.Start(CliRunner.StartInfo(Samples, "start-lambda", "-p", port.ToString()))!;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? response = null;
            for (var i = 0; i < 100 && response is null; i++)
            {
                try { response = await http.PostAsync("/2015-03-31/functions/NodeCjsFunction/invocations", new StringContent("{}")); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.NotNull(response);
            Assert.Equal(200, (int)response!.StatusCode);
            Assert.Contains("Hello from us-east-1", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            // Ctrl+C: the server stops and retires its environments.
            Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }
        Assert.Equal(0, process.ExitCode);
        lock (stderr)
        {
            Assert.Contains($"at http://127.0.0.1:{port}", stderr.ToString());
            Assert.Contains("REPORT RequestId:", stderr.ToString());
            Assert.Contains("retired after 1 invocation(s): shutdown", stderr.ToString());
        }
    }

    private static string WriteTemplate(string yaml)
    {
        var dir = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "template.yaml"), yaml);
        return dir;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
