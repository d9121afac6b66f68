using System.Diagnostics;
using DevTools.Protocol.Transport;

namespace DevTools.Client;

/// <summary>
/// Connect-or-start: connect to the workspace's backend; when nothing answers (no socket, or a stale one
/// left by a backend that died), start <c>devtools serve --detach</c> and retry until it answers or the
/// start timeout passes. Two clients racing to start it are fine: the loser's backend finds the lock taken
/// and exits, and both connect to the winner.
/// </summary>
internal static class BackendLauncher
{
    public static async Task<Stream> ConnectOrStartAsync(ClientOptions options, CancellationToken cancellationToken)
    {
        var workspace = options.ResolveWorkspace();
        var endpoint = WorkspaceEndpoint.For(workspace);
        var stream = await endpoint.TryConnectAsync(cancellationToken).ConfigureAwait(false);
        if (stream is not null) return stream;
        if (!options.StartIfNotRunning)
            throw new BackendUnavailableException($"No backend answers for {endpoint.Workspace} on {endpoint.Address}.");

        var command = options.StartCommand ?? BackendStartCommand.Default();
        using var process = Start(command, options, workspace);
        var deadline = DateTime.UtcNow + options.StartTimeout;
        // A refused connect on a local socket costs microseconds: poll often while a backend typically starts (a
        // doubling back-off would add up to its own length to the wait), then back off.
        var polling = Stopwatch.StartNew();
        while (true)
        {
            stream = await endpoint.TryConnectAsync(cancellationToken).ConfigureAwait(false);
            if (stream is not null) return stream;
            if (process.HasExited && process.ExitCode != BackendExitCodes.AlreadyRunning)
                throw new BackendUnavailableException($"The backend exited with code {process.ExitCode} before answering. Command: {Describe(command, options, workspace)}.{LogOf(endpoint)}");
            if (DateTime.UtcNow > deadline)
                throw new BackendUnavailableException($"The backend did not answer on {endpoint.Address} within {options.StartTimeout.TotalSeconds:0.#} s. Command: {Describe(command, options, workspace)}.{LogOf(endpoint)}");
            await Task.Delay(polling.Elapsed < TimeSpan.FromSeconds(3) ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Process Start(BackendStartCommand command, ClientOptions options, string workspace)
    {
        // Every stream redirected: the backend must not hold the caller's terminal; it writes to its log file.
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = workspace,
        };
        info.Arguments = string.Join(" ", ServeArguments(command, options, workspace).Select(QuoteArgument));
        try
        {
            var process = Process.Start(info) ?? throw new BackendUnavailableException($"Could not start {command}.");
            process.StandardInput.Close();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackendUnavailableException($"Could not start the backend ({Describe(command, options, workspace)}): {e.Message}", e);
        }
    }

    private static IEnumerable<string> ServeArguments(BackendStartCommand command, ClientOptions options, string workspace)
    {
        var template = options.TemplatePath is { Length: > 0 } given ? Path.GetFullPath(given) : workspace;
        return command.Arguments.Concat(["serve", "--detach", "--template", template]).Concat(options.ServeArguments);
    }

    /// <summary>Quotes for the command line .NET splits back into arguments (ArgumentList is not in netstandard2.0).</summary>
    private static string QuoteArgument(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\\')) return argument;
        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }

    private static string Describe(BackendStartCommand command, ClientOptions options, string workspace) =>
        string.Join(" ", new[] { command.FileName }.Concat(ServeArguments(command, options, workspace)));

    private static string LogOf(WorkspaceEndpoint endpoint)
    {
        try
        {
            var text = File.ReadAllText(endpoint.LogPath).Trim();
            return text.Length == 0 ? "" : $"\nBackend log ({endpoint.LogPath}):\n{(text.Length > 2000 ? text.Substring(text.Length - 2000) : text)}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
