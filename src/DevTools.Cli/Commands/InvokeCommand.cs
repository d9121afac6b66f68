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
        var template = new TemplateArguments();
        var function = new Argument<string?>("function") { Description = "The function's logical id (optional when the template has one function).", Arity = ArgumentArity.ZeroOrOne };
        var eventFile = new Option<string?>("--event", "-e") { Description = "A JSON file with the event, or - to read it from stdin (default: {})." };
        var repeat = new Option<int>("--repeat") { Description = "Invoke this many times on the same pool (the first is cold, then warm).", DefaultValueFactory = _ => 1 };
        var interval = new Option<int>("--interval") { Description = "Milliseconds to wait between repeated invokes (the environment stays frozen meanwhile).", DefaultValueFactory = _ => 0 };
        var engineArguments = new EngineArguments();

        var command = new Command("invoke", "Invoke a function of the template once (or --repeat times) and print its result.") { function, eventFile, repeat, interval };
        template.AddTo(command);
        engineArguments.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, template, engineArguments, function, eventFile, repeat, interval, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TemplateArguments template, EngineArguments engineArguments, Argument<string?> functionArg,
        Option<string?> eventOption, Option<int> repeatOption, Option<int> intervalOption, CancellationToken cancellationToken)
    {
        var stderr = Console.Error;
        var templatePath = template.ResolveTemplatePath(parse, out var error);
        var templateOptions = template.TemplateOptions(parse, out var optionsError);
        if (templatePath is null || optionsError is not null) return Fail(error ?? optionsError!);

        var catalog = TemplateLoader.Load(templatePath, templateOptions);
        DiagnosticPrinter.Print(stderr, catalog.Diagnostics, json: template.Json(parse));
        var function = PickFunction(catalog, parse.GetValue(functionArg), out error);
        if (function is null) return Fail(error!);

        byte[] payload;
        try { payload = await ReadEventAsync(parse.GetValue(eventOption), cancellationToken); }
        catch (IOException e) { return Fail($"Cannot read the event: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Fail($"Cannot read the event: {e.Message}"); }

        var options = engineArguments.Apply(parse, new EngineOptions { Region = templateOptions.Region, WatchCode = false }, out error);
        if (error is not null) return Fail(error);
        LambdaEngine engine;
        try { engine = new LambdaEngine(catalog, options); }
        catch (InvalidOperationException e) { return Fail(e.Message); }
        await using var _ = engine;
        var exitCode = 0;
        await using (var writer = new LifecycleWriter(engine.Events, stderr, template.Json(parse)))
        {
            var stdout = Console.Out;
            for (var i = 0; i < Math.Max(1, parse.GetValue(repeatOption)); i++)
            {
                try
                {
                    if (i > 0 && parse.GetValue(intervalOption) > 0) await Task.Delay(parse.GetValue(intervalOption), cancellationToken);
                    var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = function.LogicalId, Payload = payload, WaitForReport = true }, cancellationToken);
                    await writer.FlushAsync();
                    await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(result.Payload.Span));
                    await stdout.FlushAsync(cancellationToken);
                    if (result.FunctionError is not null) exitCode = 1;
                }
                catch (LambdaServiceException e)
                {
                    await stderr.WriteLineAsync($"Error: {e.ErrorType}: {e.Message}");
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

    private static FunctionConfiguration? PickFunction(FunctionCatalog catalog, string? name, out string? error)
    {
        error = null;
        if (name is null)
        {
            if (catalog.Functions.Count == 1) return catalog.Functions[0];
            error = catalog.Functions.Count == 0
                ? "The template has no functions."
                : $"The template has {catalog.Functions.Count} functions; name one: {string.Join(", ", catalog.Functions.Select(f => f.LogicalId))}";
            return null;
        }
        var function = catalog.Find(name);
        if (function is null)
            error = $"No function '{name}' in {catalog.TemplatePath}. Functions: {string.Join(", ", catalog.Functions.Select(f => f.LogicalId))}";
        return function;
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
