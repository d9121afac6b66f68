using System.Diagnostics;
using System.IO.Pipes;

namespace DevTools.Engine.Isolation;

/// <summary>
/// A runtime process under supervision: started in its own session and process group (so the
/// group can be frozen and killed as one), with its stdout/stderr read as lines and its exit observed.
/// </summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutputReader _output;

    private RuntimeProcess(Process process, bool ownsProcessGroup, Action<string, bool> onLine)
    {
        _process = process;
        Pid = process.Id;
        OwnsProcessGroup = ownsProcessGroup;
        Exited = process.WaitForExitAsync();
        _output = new ProcessOutputReader(PipeFd(process.StandardOutput.BaseStream), PipeFd(process.StandardError.BaseStream), onLine);
    }

    private static int PipeFd(Stream stream) => (int)((PipeStream)stream).SafePipeHandle.DangerousGetHandle();

    public int Pid { get; }

    /// <summary>True when the process leads its own process group (so group signals reach only the environment).</summary>
    public bool OwnsProcessGroup { get; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Starts the process as specified (the sandbox has already wrapped it). Each complete line of output is passed to <paramref name="onLine"/> (line, isStderr).</summary>
    public static RuntimeProcess Start(ProcessStartSpec spec, Action<string, bool> onLine)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in spec.Arguments) psi.ArgumentList.Add(arg);
        psi.Environment.Clear();
        foreach (var (key, value) in spec.Environment) psi.Environment[key] = value;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("The runtime process did not start.");
        process.StandardInput.Close();
        return new RuntimeProcess(process, spec.OwnsProcessGroup, onLine);
    }

    /// <summary>Signals every process in the environment's group (or just the runtime when it has no group of its own).</summary>
    public void SignalGroup(int signal)
    {
        if (HasExited && signal != Native.SIGKILL) return;
        Native.Kill(OwnsProcessGroup ? -Pid : Pid, signal);
    }

    /// <summary>Kills the whole group now.</summary>
    public void Kill()
    {
        SignalGroup(Native.SIGCONT); // a stopped process must run to die of SIGTERM; SIGKILL works regardless
        SignalGroup(Native.SIGKILL);
    }

    /// <summary>How the process ended, as the Runtime API's ExitError message puts it.</summary>
    public string ExitDescription()
    {
        if (!HasExited) return "running";
        var code = _process.ExitCode;
        if (code > 128 && code < 128 + 32) return "signal: " + SignalName(code - 128);
        return "exit status " + code;
    }

    /// <summary>How it ended; null while it runs.</summary>
    internal ProcessExit? Exit => HasExited ? new ProcessExit(_process.ExitCode, ExitDescription()) : null;

    /// <summary>Delivers every line the process wrote so far to the callback, before returning.</summary>
    public void DrainOutput() => _output.Drain();

    public async ValueTask DisposeAsync()
    {
        if (!HasExited) Kill();
        try { await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        try { await _output.Completed.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false); } catch (TimeoutException) { }
        _output.Stop(TimeSpan.FromSeconds(1));
        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "hangup",
        2 => "interrupt",
        3 => "quit",
        4 => "illegal instruction",
        6 => "aborted",
        7 => "bus error",
        8 => "floating point exception",
        9 => "killed",
        11 => "segmentation fault",
        13 => "broken pipe",
        15 => "terminated",
        _ => "signal " + signal,
    };
}
