using System.Diagnostics;
using System.Text.Json;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>The PowerShell path: a warm Invoke-LocalFunction in an already-loaded pwsh (powershell/bench/Measure-Invoke.ps1).</summary>
internal sealed class PowerShellBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "PowerShell module";
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var script = Path.Combine(root, "powershell", "bench", "Measure-Invoke.ps1");
        if (!File.Exists(script)) return;
        var psi = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-File", script, "-Count", settings.WarmInvokes.ToString(), "-Json"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || json is null)
        {
            report.Add(section, "Invoke-LocalFunction", "not measured", "the script failed: " + (await process.StandardError.ReadToEndAsync()).Split('\n').FirstOrDefault());
            return;
        }
        using var document = JsonDocument.Parse(json);
        string Figure(string name) =>
            $"{Report.Ms(document.RootElement.GetProperty(name).GetProperty("p50").GetDouble())} / {Report.Ms(document.RootElement.GetProperty(name).GetProperty("p99").GetDouble())}";
        report.Add(section, "warm Invoke-LocalFunction, wall time: p50 / p99", Figure("cmdletWallMs"), $"{settings.WarmInvokes} invokes of NodeCjsFunction in one loaded pwsh");
        report.Add(section, "of which the function itself (REPORT Duration): p50 / p99", Figure("functionDurationMs"));
        report.Add(section, "beyond the function (cmdlet + backend + socket): p50 / p99", Figure("cmdletOverheadMs"));
        report.Add(section, "beyond the function, client library without the cmdlet: p50 / p99", Figure("libraryOverheadMs"));
    }
}
