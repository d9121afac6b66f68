using System.CommandLine;
using DevTools.Server.InvokeApi;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools start-lambda</c>: serves Lambda's Invoke API on loopback, like <c>sam local start-lambda</c>,
/// so AWS SDKs and the AWS CLI invoke local functions with <c>--endpoint-url http://127.0.0.1:3001</c>.
/// </summary>
internal static class StartLambdaCommand
{
    public static Command Create()
    {
        var template = new TemplateArguments();
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on.", DefaultValueFactory = _ => 3001 };
        var host = new Option<string>("--host") { Description = "The loopback address to bind (127.0.0.1, ::1 or localhost).", DefaultValueFactory = _ => "127.0.0.1" };
        var setup = new EngineSetup(longRunning: true);

        var command = new Command("start-lambda", "Serve the Lambda Invoke API for the template's functions.") { port, host };
        setup.AddTo(command);
        command.SetAction((parse, cancellationToken) => ServerRun.RunAsync(setup, parse,
            engine => InvokeApiServer.StartAsync(engine, parse.GetValue(host)!, parse.GetValue(port), cancellationToken),
            (engine, server) =>
            {
                var catalog = engine.Catalog;
                Console.Error.WriteLine($"Serving {catalog.Functions.Count} function(s) at {server.Address} (isolation: {engine.Isolation.Level}, /tmp: {engine.Isolation.Tmp}; Ctrl+C to stop):");
                foreach (var f in catalog.Functions)
                    Console.Error.WriteLine($"  {f.LogicalId,-24} {f.Runtime,-16} {f.MemorySizeMb} MB  {f.TimeoutSeconds} s");
            }, cancellationToken));
        return command;
    }
}
