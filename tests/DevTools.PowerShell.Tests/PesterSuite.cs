using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace DevTools.PowerShell.Tests;

/// <summary>
/// Runs powershell/tests/Invoke-PesterSuite.ps1 in the repository's pwsh (the local .NET tool of
/// .config/dotnet-tools.json, which this project's build restores), so the module loads as users load it: once to
/// discover the Pester tests (their names are the xUnit cases), once to run them all (each case then reads its own result).
/// </summary>
public static class PesterSuite
{
    /// <summary>The whole run takes a minute or two; this is for a pwsh that hangs.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);

    private static readonly Lazy<PesterRun> LazyDiscovery = new(() => Invoke(discoveryOnly: true), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<PesterRun> LazyRun = new(() => Invoke(discoveryOnly: false), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ModulePath => Metadata("DevToolsModule");
    public static string SuiteScript => Metadata("PesterSuite");
    public static string PesterPath => Path.Combine(AppContext.BaseDirectory, "Pester", "Pester.psd1");

    /// <summary>The one full run (the first case to ask pays for it).</summary>
    public static PesterRun Run => LazyRun.Value;

    /// <summary>The suites' test names, without running them.</summary>
    public static IReadOnlyList<string> Discover() => LazyDiscovery.Value.Tests.Keys.ToList();

    private static PesterRun Invoke(bool discoveryOnly)
    {
        var name = discoveryOnly ? "pester-discovery" : "pester-run";
        var resultPath = Path.Combine(AppContext.BaseDirectory, name + ".json");
        File.Delete(resultPath);

        // `dotnet pwsh` finds the tool manifest from its working folder up: the suite's folder is inside the repository.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(SuiteScript)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", SuiteScript, "-PesterPath", PesterPath, "-ModulePath", ModulePath, "-ResultPath", resultPath })
            start.ArgumentList.Add(argument);
        if (discoveryOnly) start.ArgumentList.Add("-DiscoveryOnly");

        using var pwsh = Process.Start(start)!;
        var output = pwsh.StandardOutput.ReadToEndAsync();
        var errors = pwsh.StandardError.ReadToEndAsync();
        if (!pwsh.WaitForExit(RunTimeout)) pwsh.Kill(entireProcessTree: true);
        pwsh.WaitForExit();
        var log = output.Result + errors.Result;
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, name + ".log"), log);

        if (!File.Exists(resultPath))
            throw new InvalidOperationException(
                $"`dotnet pwsh -File {Path.GetFileName(SuiteScript)}` ended (exit code {pwsh.ExitCode}) without results. " +
                $"pwsh is the repository's local .NET tool (`dotnet tool restore`); Pester is laid out at {PesterPath}.\n{PesterRun.Tail(log)}");
        return PesterRun.From(File.ReadAllText(resultPath), log);
    }

    private static string Metadata(string key) =>
        typeof(PesterSuite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>One Invoke-PesterSuite.ps1 run: its tests by name, what failed outside any test, and what pwsh printed.</summary>
public sealed class PesterRun
{
    public required IReadOnlyDictionary<string, PesterTestResult> Tests { get; init; }
    public required IReadOnlyList<string> ContainerFailures { get; init; }
    public required string Log { get; init; }

    public static PesterRun From(string resultJson, string log)
    {
        var result = JsonSerializer.Deserialize<SuiteResult>(resultJson) ?? throw new InvalidOperationException($"Empty Pester result.\n{Tail(log)}");
        var tests = new Dictionary<string, PesterTestResult>(StringComparer.Ordinal);
        foreach (var test in result.Tests)
        {
            var name = test.Name;
            while (tests.ContainsKey(name)) name += " (again)";
            tests[name] = new PesterTestResult(test.Result, test.Message ?? "");
        }
        return new PesterRun { Tests = tests, ContainerFailures = result.ContainerFailures, Log = log };
    }

    public static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    private sealed record SuiteResult(List<TestResult> Tests, List<string> ContainerFailures);

    private sealed record TestResult(string Name, string Result, string? Message);
}

public sealed record PesterTestResult(string Result, string Message);
