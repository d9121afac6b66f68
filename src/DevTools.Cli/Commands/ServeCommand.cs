using System.CommandLine;
using DevTools.Protocol.Transport;
using DevTools.Server.Hosting;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools serve</c>: the backend of one workspace (the template's folder). Clients (the VS Code extension,
/// the PowerShell module, other tools) share its one engine over JSON-RPC on the workspace's socket, or talk
/// to it over stdio (<c>--stdio</c>, for editors); <c>--invoke-port</c> adds the Lambda Invoke HTTP API.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var setup = new EngineSetup(longRunning: true);
        var stdio = new Option<bool>("--stdio") { Description = "Speak JSON-RPC (with LSP framing) on stdin/stdout, for an editor; the workspace socket is served too." };
        var invokePort = new Option<int?>("--invoke-port") { Description = "Also serve the Lambda Invoke HTTP API on 127.0.0.1 at this port (0: any free port)." };
        var apiPort = new Option<int?>("--api-port") { Description = "Also serve the template's API routes on 127.0.0.1 at this port, function URLs on the ports after it (0: any free port)." };
        var idleTimeout = new Option<double>("--idle-timeout")
        {
            Description = "Seconds without clients and environments after which the backend exits.",
            DefaultValueFactory = _ => BackendOptions.DefaultIdleGrace.TotalSeconds,
        };
        var detach = new Option<bool>("--detach") { Description = "Run in a session of its own with output in the log file next to the socket (how clients start it)." };

        var command = new Command("serve", "Serve the workspace's engine to every client over JSON-RPC (socket or stdio).") { stdio, invokePort, apiPort, idleTimeout, detach };
        setup.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!setup.TryResolve(parse, out var templatePath, out var templateOptions, out var engineOptions)) return 2;
            var useStdio = parse.GetValue(stdio);
            if (useStdio && parse.GetValue(detach))
            {
                await Console.Error.WriteLineAsync("Error: --stdio and --detach exclude each other.");
                return 2;
            }
            var options = new BackendOptions
            {
                TemplatePath = templatePath,
                TemplateOptions = templateOptions,
                EngineOptions = engineOptions,
                IdleGrace = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(idleTimeout))),
                InvokeApiPort = parse.GetValue(invokePort),
                ApiPort = parse.GetValue(apiPort),
            };
            var log = parse.GetValue(detach)
                ? DetachedProcess.Detach(WorkspaceEndpoint.For(options.Workspace))
                : new BackendLog(Console.Error);
            try
            {
                return useStdio
                    ? await BackendRunner.RunStdioAsync(options, Console.OpenStandardInput(), Console.OpenStandardOutput(), log, cancellationToken)
                    : await BackendRunner.RunAsync(options, log, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Net.Sockets.SocketException)
            {
                log.Write("Error: " + e.Message);
                return DevTools.Protocol.Transport.BackendExitCodes.Failed;
            }
        });
        return command;
    }
}
