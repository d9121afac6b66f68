using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary><c>devtools build</c>, <c>devtools sdk install</c> and the SDK lines of <c>devtools doctor</c>, run as a user runs them.</summary>
public sealed class BuildCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "devtools-tests", "cli-build-" + Guid.NewGuid().ToString("N")[..12]);

    public BuildCommandTests()
    {
        TestPackages.WriteGreeterFunction(Path.Combine(_root, "project", "greeter"), _root);
        File.WriteAllText(Path.Combine(Project, "template.yaml"), """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Greeter:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  CodeUri: greeter/
            """);
    }

    private string Project => Path.Combine(_root, "project");

    [Fact]
    public async Task BuildInstallsOnceReusesThenTheInvokeUsesIt()
    {
        var validate = await CliRunner.RunAsync(Project, null, "validate");
        Assert.Contains("warning DT3021: Function 'Greeter' declares dependencies in greeter/package.json that are not installed: run `devtools build`", validate.Stdout + validate.Stderr);

        var first = await CliRunner.RunAsync(Project, null, "build");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"Greeter\s+built\s+[\d.]+ s\s+\.aws-sam/devtools-build/Greeter", first.Stdout);
        Assert.Contains("BUILD Greeter dependencies: npm install --omit=dev", first.Stderr);
        Assert.Contains("BUILD Greeter dependencies built", first.Stderr);

        var second = await CliRunner.RunAsync(Project, null, "build", "Greeter");
        Assert.Matches(@"Greeter\s+reused", second.Stdout);

        var invoke = await CliRunner.RunAsync(Project, """{"name":"cli"}""", "invoke", "Greeter", "-e", "-");
        Assert.True(invoke.ExitCode == 0, invoke.ToString());
        Assert.Equal("\"hello cli\"", invoke.Stdout.Trim());
        Assert.DoesNotContain("DT3021", invoke.Stderr);
        Assert.Contains("information DT3023: Function 'Greeter' runs with the dependencies built in .aws-sam/devtools-build/Greeter", invoke.Stderr);
    }

    [Fact]
    public async Task ABrokenManifestFailsWithExitCodeOneAndSaysWhy()
    {
        File.WriteAllText(Path.Combine(Project, "greeter", "package.json"), "{ \"dependencies\": ");
        var result = await CliRunner.RunAsync(Project, null, "build");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"Greeter\s+failed\s+.*package\.json is not valid JSON", result.Stdout);

        var unknown = await CliRunner.RunAsync(Project, null, "build", "Nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("ResourceNotFoundException", unknown.Stderr);
    }

    [Fact]
    public async Task SdkInstallFillsTheCacheAheadOfTimeAndDoctorReportsIt()
    {
        var environment = new Dictionary<string, string> { ["DEVTOOLS_CACHE_DIR"] = Path.Combine(_root, "cache") };

        var install = await CliRunner.RunAsync(_root, null, environment, "sdk", "install", "@aws-sdk/util-dynamodb");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Matches(@"nodejs: installed 3\.\d+", install.Stdout);
        Assert.Contains("BUILD sdk runtime-sdk: npm install", install.Stderr);
        Assert.True(File.Exists(Path.Combine(_root, "cache", "runtime-sdk", "nodejs", "node_modules", "@aws-sdk", "util-dynamodb", "package.json")));

        var doctor = await CliRunner.RunAsync(_root, null, environment, "doctor");
        Assert.Contains($"Runtime SDKs (cached per machine in {Path.Combine(_root, "cache", "runtime-sdk")})", doctor.Stdout);
        Assert.Matches(@"nodejs\*\s+AWS SDK for JavaScript 3\.\d+\.\d+: 1 package\(s\) installed", doctor.Stdout);
        Assert.Matches(@"python3\.\*\s+boto3 \d+\.\d+\.\d+", doctor.Stdout);

        var refused = await CliRunner.RunAsync(_root, null, environment, "sdk", "install", "left-pad");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("only @aws-sdk/* packages", refused.Stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
