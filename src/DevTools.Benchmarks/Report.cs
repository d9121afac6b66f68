using System.Globalization;
using System.Text;

namespace DevTools.Benchmarks;

/// <summary>The benchmark's figures: printed as a table and written to docs/performance.md.</summary>
internal sealed class Report
{
    private readonly List<(string Section, string Measure, string Value, string Note)> _rows = [];
    private readonly List<(string Target, string Measured, string Verdict)> _targets = [];

    public void Add(string section, string measure, string value, string note = "")
    {
        _rows.Add((section, measure, value, note));
        Console.WriteLine($"{section,-28} {measure,-58} {value,14}  {note}");
    }

    public void Target(string target, string measured, bool met) => _targets.Add((target, measured, met ? "met" : "NOT met"));

    public static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
    public static string Rate(double value) => value.ToString("0", CultureInfo.InvariantCulture) + "/s";
    public static string Mb(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public string ToMarkdown(string command, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Performance");
        sb.AppendLine();
        sb.AppendLine("Written by the benchmark suite; do not edit by hand. Reproduce with:");
        sb.AppendLine();
        sb.AppendLine("```sh");
        sb.AppendLine(command);
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine($"Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {took.TotalSeconds:0} s. Machine: {Machine()}.");
        sb.AppendLine("Peers are installed from npm by the benchmark itself and measured in the same run, against the same trivial Node.js handler,");
        sb.AppendLine("with one keep-alive HTTP connection per client. Our figures are with freezing on and each environment a separate process.");
        sb.AppendLine();
        if (_targets.Count > 0)
        {
            sb.AppendLine("## Targets");
            sb.AppendLine();
            sb.AppendLine("| Target | Measured | |");
            sb.AppendLine("|---|---|---|");
            foreach (var (target, measured, verdict) in _targets) sb.AppendLine($"| {target} | {measured} | {verdict} |");
            sb.AppendLine();
        }
        foreach (var section in _rows.Select(r => r.Section).Distinct())
        {
            sb.AppendLine($"## {section}");
            sb.AppendLine();
            sb.AppendLine("| Measure | Value | Note |");
            sb.AppendLine("|---|---:|---|");
            foreach (var row in _rows.Where(r => r.Section == section)) sb.AppendLine($"| {row.Measure} | {row.Value} | {row.Note} |");
            sb.AppendLine();
        }
        // The hand-written reading of the figures (src/DevTools.Benchmarks/Analysis.md) follows the tables.
        var analysis = Path.Combine(AppContext.BaseDirectory, "Analysis.md");
        if (File.Exists(analysis)) sb.Append(File.ReadAllText(analysis));
        return sb.ToString();
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        var memory = File.Exists("/proc/meminfo")
            ? (long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024) + " GiB"
            : "?";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
