using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary>What the CLI says about the dotnet8/dotnet10 runtimes: which .NET runs them, and what a machine without one lacks.</summary>
public sealed class DotnetCliTests
{
    private const string Template = """
        Resources:
          Net8:
            Type: AWS::Serverless::Function
            Properties: { Runtime: dotnet8, Handler: "Fn::Fn.Function::Handler", CodeUri: . }
          Net10:
            Type: AWS::Serverless::Function
            Properties: { Runtime: dotnet10, Handler: "Fn::Fn.Function::Handler", CodeUri: . }
        """;

    private static string Workspace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "template.yaml"), Template);
        return dir;
    }

    [Fact]
    public async Task ValidateNoLongerCallsDotnetUnrunnableWhereDotnetIsInstalled()
    {
        var result = await CliRunner.RunAsync(Workspace(), null, "validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("DT3007", result.Stdout);
        Assert.DoesNotContain("DT3028", result.Stdout);
        Assert.Contains("is valid: 2 function(s), 0 warning(s)", result.Stdout);
    }

    [Fact]
    public async Task ValidateSaysWhenTheMachineLacksDotnetAndHowToGetIt()
    {
        // The CLI itself runs (its dotnet is found by full path); the functions' dotnet is looked up on PATH.
        var result = await CliRunner.RunAsync(Workspace(), null, new Dictionary<string, string> { ["PATH"] = "/nonexistent" }, "validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning DT3028: Runtime 'dotnet8' cannot run on this machine: .NET is not installed", result.Stdout);
        Assert.Contains("apt-get install dotnet-runtime-10.0", result.Stdout);
        Assert.Contains("warning DT3028: Runtime 'dotnet10'", result.Stdout);
    }

    [Fact]
    public async Task DoctorNamesTheDotnetThatRunsFunctions()
    {
        var toolchain = DevTools.Engine.Runtimes.Dotnet.DotnetToolchain.Find("dotnet");
        Assert.True(toolchain.Newest is not null, $"This test needs .NET 10 or later on PATH: {toolchain.Problem()}");
        var result = await CliRunner.RunAsync(Path.GetTempPath(), null, "doctor");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"dotnet*    dotnet8, dotnet10: .NET {toolchain.Newest} ({toolchain.Host}); net8.0 functions roll forward to it", result.Stdout);
    }
}
