using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Catalog;

namespace DevTools.Cli.Commands;

/// <summary>
/// How a verb that runs functions turns its flags into an engine: the template, its options, the engine's options,
/// in one place for <c>invoke</c>, <c>start-lambda</c> and <c>serve</c>. A long-running verb has the pool's flags and
/// watches the code; a one-shot <c>invoke</c> runs its own engine, which ends with it.
/// </summary>
internal sealed class EngineSetup(bool longRunning)
{
    private readonly EngineArguments _engine = new();
    private readonly PoolArguments? _pool = longRunning ? new PoolArguments() : null;

    public TemplateArguments Template { get; } = new();

    public void AddTo(Command command)
    {
        _pool?.AddTo(command);
        Template.AddTo(command);
        _engine.AddTo(command);
    }

    /// <summary>The template and both sets of options, or false after printing why they cannot be had.</summary>
    public bool TryResolve(ParseResult parse, out string templatePath, out TemplateOptions templateOptions, out EngineOptions engineOptions)
    {
        engineOptions = new EngineOptions();
        if (!Template.TryResolve(parse, out templatePath, out templateOptions)) return false;
        var defaults = _pool?.EngineOptions(parse, templateOptions) ?? new EngineOptions { Region = templateOptions.Region, WatchCode = false };
        engineOptions = _engine.Apply(parse, defaults, out var error);
        if (error is null) return true;
        Console.Error.WriteLine("Error: " + error);
        return false;
    }

    /// <summary>The engine over the template, its diagnostics printed; null after printing why it cannot start.</summary>
    public LambdaEngine? TryStart(ParseResult parse)
    {
        if (!TryResolve(parse, out var templatePath, out var templateOptions, out var engineOptions)) return null;
        LambdaEngine engine;
        try { engine = LambdaEngine.Load(templatePath, templateOptions, engineOptions); }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("Error: " + e.Message);
            return null;
        }
        DiagnosticPrinter.Print(Console.Error, engine.Catalog.Diagnostics, json: Template.Json(parse));
        return engine;
    }
}
