using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace DevTools.Tests.Shared;

/// <summary>
/// A real <c>devtools serve</c> process. On the socket it is ready once its log says where it listens;
/// with <c>--stdio</c> the test speaks JSON-RPC on its stdin/stdout. Stopped with SIGTERM (then SIGKILL) on dispose.
/// </summary>
public sealed partial class BackendProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _invokeApiReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BackendProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }
    public int Pid => Process.Id;
    public string? SocketPath { get; private set; }
    public string? InvokeApiAddress { get; private set; }
    public string Log => string.Join('\n', _log);

    /// <summary>Starts <c>serve</c> on the workspace socket and waits until it listens.</summary>
    public static async Task<BackendProcess> StartAsync(string templatePath, params string[] extraArguments)
    {
        var backend = Launch(templatePath, stdio: false, extraArguments);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await backend._ready.Task.WaitAsync(timeout.Token);
            // The Invoke API announces itself on its own line, which may come just after the socket's.
            if (extraArguments.Contains("--invoke-port")) await backend._invokeApiReady.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) { throw new TimeoutException("The backend did not start listening:\n" + backend.Log); }
        return backend;
    }

    /// <summary>Starts <c>serve --stdio</c>; talk to it on <see cref="Process"/>'s standard streams.</summary>
    public static BackendProcess StartStdio(string templatePath, params string[] extraArguments) =>
        Launch(templatePath, stdio: true, extraArguments);

    private static BackendProcess Launch(string templatePath, bool stdio, string[] extraArguments)
    {
        var info = CliRunner.StartInfo(Path.GetDirectoryName(templatePath)!, ["serve", "--template", templatePath, .. stdio ? new[] { "--stdio" } : [], .. extraArguments]);
        var process = System.Diagnostics.Process.Start(info)!;
        var backend = new BackendProcess(process);
        if (!stdio)
        {
            process.StandardInput.Close();
            _ = DrainAsync(process.StandardOutput, backend.OnLine);
        }
        _ = DrainAsync(process.StandardError, backend.OnLine);
        return backend;
    }

    private void OnLine(string line)
    {
        _log.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } listening)
        {
            SocketPath = listening.Groups["path"].Value;
            _ready.TrySetResult();
        }
        if (InvokeApiLine().Match(line) is { Success: true } invokeApi)
        {
            InvokeApiAddress = invokeApi.Groups["address"].Value;
            _invokeApiReady.TrySetResult();
        }
    }

    private static async Task DrainAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line) onLine(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="within"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>SIGKILL, as a crash: the socket file stays behind.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: false);
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            _ = Kill(Process.Id, 15);
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(10)))
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
        }
        Process.Dispose();
    }

    [GeneratedRegex(@"Listening on unix:(?<path>\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"Invoke API on (?<address>\S+)")]
    private static partial Regex InvokeApiLine();

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
