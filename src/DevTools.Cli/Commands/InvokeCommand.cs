using System.CommandLine;
using DevTools.Cli.Rendering;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Invocation;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools invoke</c>: runs a function like <c>sam local invoke</c> — the result on stdout, the
/// lifecycle records on stderr — but on a real, reusable environment (<c>--repeat</c> shows cold then warm).
/// </summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var setup = new EngineSetup(longRunning: false);
        var function = new Argument<string?>("function")
        {
            Description = "The function: logical id, name or ARN, with an optional :qualifier, as the Invoke API takes it (optional when the template has one function).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var eventFile = new Option<string?>("--event", "-e") { Description = "A JSON file with the event, or - to read it from stdin (default: {})." };
        var repeat = new Option<int>("--repeat") { Description = "Invoke this many times on the same pool (the first is cold, then warm).", DefaultValueFactory = _ => 1 };
        var interval = new Option<int>("--interval") { Description = "Milliseconds to wait between repeated invokes (the environment stays frozen meanwhile).", DefaultValueFactory = _ => 0 };

        var command = new Command("invoke", "Invoke a function of the template once (or --repeat times) and print its result.") { function, eventFile, repeat, interval };
        setup.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, setup, function, eventFile, repeat, interval, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, EngineSetup setup, Argument<string?> functionArg,
        Option<string?> eventOption, Option<int> repeatOption, Option<int> intervalOption, CancellationToken cancellationToken)
    {
        var stderr = Console.Error;
        byte[] payload;
        try { payload = await ReadEventAsync(parse.GetValue(eventOption), cancellationToken); }
        catch (IOException e) { return Fail($"Cannot read the event: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Fail($"Cannot read the event: {e.Message}"); }

        // Its own engine, always (like sam local invoke): a workspace backend's warm environments are not touched.
        if (setup.TryStart(parse) is not { } engine) return 2;
        await using var _ = engine;
        // What the user typed goes to the engine, which resolves it (and says so when it cannot).
        string? error = null;
        var functionName = parse.GetValue(functionArg) ?? OnlyFunction(engine.Catalog, out error);
        if (functionName is null) return Fail(error!);
        var exitCode = 0;
        await using (var writer = new LifecycleWriter(engine.Events, stderr, setup.Template.Json(parse)))
        {
            var stdout = Console.Out;
            for (var i = 0; i < Math.Max(1, parse.GetValue(repeatOption)); i++)
            {
                try
                {
                    if (i > 0 && parse.GetValue(intervalOption) > 0) await Task.Delay(parse.GetValue(intervalOption), cancellationToken);
                    var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = functionName, Payload = payload, WaitForReport = true }, cancellationToken);
                    await writer.FlushAsync();
                    await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(result.Payload.Span));
                    await stdout.FlushAsync(cancellationToken);
                    if (result.FunctionError is not null) exitCode = 1;
                }
                catch (LambdaServiceException e)
                {
                    await stderr.WriteLineAsync($"Error: {e.ErrorType}: {e.Message}");
                    if (e.StatusCode == 404) await stderr.WriteLineAsync($"Functions in {engine.Catalog.TemplatePath}: {string.Join(", ", engine.Catalog.Functions.Select(f => f.LogicalId))}");
                    return 2;
                }
                catch (OperationCanceledException)
                {
                    return 130;
                }
            }
            await engine.DisposeAsync(); // retire the environments while the writer still listens
        }
        return exitCode;
    }

    /// <summary>With no function named, the template's one function; null (with why) when it has none or several.</summary>
    private static string? OnlyFunction(FunctionCatalog catalog, out string? error)
    {
        error = catalog.Functions.Count switch
        {
            1 => null,
            0 => "The template has no functions.",
            var count => $"The template has {count} functions; name one: {string.Join(", ", catalog.Functions.Select(f => f.LogicalId))}",
        };
        return error is null ? catalog.Functions[0].LogicalId : null;
    }

    private static async Task<byte[]> ReadEventAsync(string? source, CancellationToken cancellationToken)
    {
        if (source is null) return "{}"u8.ToArray();
        if (source == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        return await File.ReadAllBytesAsync(source, cancellationToken);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("Error: " + message);
        return 2;
    }
}
