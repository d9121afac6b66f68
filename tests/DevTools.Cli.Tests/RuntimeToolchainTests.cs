using System.Text.Json;
using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary><c>devtools validate</c> and <c>devtools doctor</c> on what runs the Java and Ruby runtimes here.</summary>
public sealed class RuntimeToolchainTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", "toolchains-" + Guid.NewGuid().ToString("N")[..12]);

    public RuntimeToolchainTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "java"));
        Directory.CreateDirectory(Path.Combine(_root, "ruby"));
        File.WriteAllText(Path.Combine(_root, "template.yaml"), """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              JavaFn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Handler: example.Handler::handleRequest
                  CodeUri: java/
              RubyFn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: ruby3.3
                  Handler: app.handler
                  CodeUri: ruby/
            """);
    }

    /// <summary>A PATH with nothing on it: no ruby (JDKs are still found in /usr/lib/jvm, where Debian installs them).</summary>
    private Dictionary<string, string> WithoutRuby()
    {
        var empty = Path.Combine(_root, "empty-path");
        Directory.CreateDirectory(empty);
        return new() { ["PATH"] = empty, ["JAVA_HOME"] = "" };
    }

    [Fact]
    public async Task ValidateRunsJavaAndRubyAndWarnsWhenTheMachineLacksTheToolchain()
    {
        var here = await CliRunner.RunAsync(_root, null, "validate", "--output", "json");
        Assert.True(here.ExitCode == 0, here.ToString());
        Assert.Empty(Codes(here)); // a JDK and Ruby are here (.ci/test.sh installs them): nothing to say

        var without = await CliRunner.RunAsync(_root, null, WithoutRuby(), "validate", "--output", "json");
        Assert.True(without.ExitCode == 0, without.ToString()); // a warning: the template itself is fine
        var warning = Assert.Single(JsonDocument.Parse(without.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("DT3028", warning.GetProperty("code").GetString());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal("RubyFn", warning.GetProperty("functionId").GetString());
        Assert.Equal("ruby3.3 runs on Ruby and this machine has none (no ruby on PATH): install it, e.g. apt-get install ruby.", warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DoctorSaysWhatRunsEachRuntimeFamily()
    {
        var doctor = await CliRunner.RunAsync(_root, null, "doctor");
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("Runtimes (what runs them here)", doctor.Stdout);
        Assert.Matches(@"\n  java\*\s+[^\n]*java17[^\n]*: [^\n]*JDK \d+[\d.]* \(/[^)]+/bin/java\)", doctor.Stdout);
        Assert.Matches(@"java21[^\n]*: [^\n]*JDK \d+", doctor.Stdout);
        Assert.Matches(@"\n  ruby\*\s+ruby3\.2, ruby3\.3, ruby3\.4: Ruby \d+\.\d+\.\d+ \(/[^)]+\)", doctor.Stdout);
        Assert.Matches(@"\n  provided\*\s+the function's own bootstrap", doctor.Stdout);

        var without = await CliRunner.RunAsync(_root, null, WithoutRuby(), "doctor");
        Assert.Contains("ruby*      ruby3.2, ruby3.3, ruby3.4: nothing here. ruby3.2 runs on Ruby and this machine has none", without.Stdout);
    }

    private static IEnumerable<string> Codes(CliResult result) =>
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
