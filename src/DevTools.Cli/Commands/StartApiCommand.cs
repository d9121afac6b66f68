using System.CommandLine;
using DevTools.Server.ApiGateway;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools start-api</c>: serves the template's API Gateway routes (REST and HTTP APIs) and function URLs on loopback,
/// like <c>sam local start-api</c>; every request is a normal invoke of the engine, its HTTP line before its START.
/// </summary>
internal static class StartApiCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "The port of the API routes.", DefaultValueFactory = _ => 3000 };
        var urlPort = new Option<int?>("--url-port") { Description = "The port of the first function URL (the next ones follow); default: the one after --port." };
        var host = new Option<string>("--host") { Description = "The loopback address to bind (127.0.0.1, ::1 or localhost).", DefaultValueFactory = _ => "127.0.0.1" };
        var setup = new EngineSetup(longRunning: true);

        var command = new Command("start-api", "Serve the template's API routes and function URLs over HTTP, each request a local invoke.") { port, urlPort, host };
        setup.AddTo(command);
        command.SetAction((parse, cancellationToken) => ServerRun.RunAsync(setup, parse,
            engine => Task.FromResult(ApiGatewayServer.Start(engine, parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(urlPort))),
            (engine, server) =>
            {
                var served = server.Served;
                if (served.Count == 0)
                    Console.Error.WriteLine("The template has no Api or HttpApi events and no FunctionUrlConfig: nothing to serve over HTTP (devtools start-lambda serves the Invoke API).");
                Console.Error.WriteLine($"Serving {served.Count} route(s) (isolation: {engine.Isolation.Level}; Ctrl+C to stop):");
                foreach (var route in served)
                    Console.Error.WriteLine($"  {route.Method,-7} {route.Url} → {route.FunctionId}  ({route.Kind} {route.Api}, payload {route.PayloadFormatVersion})");
                foreach (var api in engine.Catalog.Apis.Apis.Where(a => a.UnemulatedAuthorizers.Count > 0))
                    Console.Error.WriteLine($"  Note: {api.LogicalId}'s authorizers {string.Join(", ", api.UnemulatedAuthorizers)} (Cognito, JWT or IAM) are not emulated: requests pass.");
            }, cancellationToken));
        return command;
    }
}
