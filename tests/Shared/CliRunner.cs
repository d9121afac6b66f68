using System.Diagnostics;

namespace DevTools.Tests.Shared;

/// <summary>Runs the real <c>devtools</c> command (the built CLI next to the tests) and captures what it prints.</summary>
public static class CliRunner
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "devtools.dll");

    public static string SamplesDirectory => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples"));

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(CliPath);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        return psi;
    }

    public static Task<CliResult> RunAsync(string workingDirectory, string? stdin, params string[] args) =>
        RunAsync(workingDirectory, stdin, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync(string, string?, string[])"/>, with these variables added to the command's environment.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, string? stdin, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
