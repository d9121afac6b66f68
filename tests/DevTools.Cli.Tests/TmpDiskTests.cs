using System.Text.Json;
using System.Text.RegularExpressions;
using DevTools.Engine.Isolation;
using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary>
/// The reproduction that found /tmp counted as memory, run as a user runs it: a 256 MB function fills its 512 MB /tmp
/// with dd. At every level with a private /tmp (the process-group fallback has none: its TMPDIR is only watched).
/// </summary>
public sealed class TmpDiskTests
{
    [SkippableTheory]
    [InlineData("best", IsolationMode.Best)]
    [InlineData("cgroup-v2", IsolationMode.CgroupV2)]
    public async Task FillingTmpGetsNoSpaceLeftANormalAnswerAndSmallMemory(string isolation, IsolationMode mode)
    {
        IsolationPlan? plan = null;
        try { plan = IsolationPlan.Choose(Engine.LambdaEngine.DetectedCapabilities.Value, mode); }
        catch (InvalidOperationException) { }
        Skip.IfNot(plan?.Tmp == TmpModes.PrivateDisk, $"/tmp is not a disk at {isolation} here: {string.Join("; ", Engine.LambdaEngine.DetectedCapabilities.Value.Notes)}");
        var dir = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "template.yaml"), $"""
            Resources:
              Fill:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: provided.al2023
                  Handler: probe
                  CodeUri: {Path.Combine(TestFunctions.FunctionsDirectory, "probe")}
                  MemorySize: 256
                  EphemeralStorage: {"{"} Size: 512 {"}"}
            """);

        var result = await CliRunner.RunAsync(dir, """{"action":"dd","path":"/tmp/fill","megabytes":700}""", "invoke", "Fill", "-e", "-", "--isolation", isolation);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("/tmp: private-disk", result.Stderr);
        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Contains("No space left on device", answer.GetProperty("stderr").GetString());
        Assert.InRange(answer.GetProperty("written").GetInt64(), 512L * 1024 * 1024, 512L * 1024 * 1024 * 103 / 100);
        var report = result.Stderr.Split('\n').Single(l => l.StartsWith("REPORT "));
        Assert.True(int.Parse(Regex.Match(report, @"Max Memory Used: (\d+) MB").Groups[1].Value) < 64, report);
        Assert.DoesNotContain("Status: error", report);
    }
}
