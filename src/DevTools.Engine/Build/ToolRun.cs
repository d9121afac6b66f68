using System.Diagnostics;

namespace DevTools.Engine.Build;

/// <summary>The end of an install tool's run (npm, pip): its exit code and the last lines it wrote, for the error.</summary>
public sealed record ToolOutcome(int ExitCode, IReadOnlyList<string> LastLines, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>What went wrong, in the tool's own words (its last error lines).</summary>
    public string Describe(string tool)
    {
        if (TimedOut) return $"{tool} did not finish in time";
        var errors = LastLines.Where(l => l.Contains("ERR", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
        var shown = (errors.Count > 0 ? errors : LastLines).TakeLast(4);
        return $"{tool} exited with code {ExitCode}: {string.Join(" ", shown.Select(l => l.Trim()))}".TrimEnd(' ', ':');
    }
}

/// <summary>
/// Runs an install tool to completion, handing each line it prints (stdout and stderr) to the caller as it comes, and
/// kills its whole process tree on timeout or cancellation: nothing a build starts outlives it.
/// </summary>
public static class ToolRun
{
    private const int KeptLines = 20;

    public static async Task<ToolOutcome> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        Action<string> onLine, TimeSpan timeout, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var last = new Queue<string>();
        void Line(string? line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            lock (last)
            {
                last.Enqueue(line);
                if (last.Count > KeptLines) last.Dequeue();
            }
            onLine(line);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        process.WaitForExit(); // drains the redirected streams
        lock (last) return new ToolOutcome(timedOut ? -1 : process.ExitCode, last.ToList(), timedOut);
    }

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
