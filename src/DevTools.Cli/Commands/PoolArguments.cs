using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Catalog;

namespace DevTools.Cli.Commands;

/// <summary>The environment-pool options of the verbs that keep an engine running (<c>start-lambda</c>, <c>serve</c>); see also <see cref="EngineArguments"/>.</summary>
internal sealed class PoolArguments
{
    public Option<int> KeepWarm { get; } = new("--keep-warm") { Description = "Seconds an idle environment stays warm.", DefaultValueFactory = _ => (int)LambdaLimits.DefaultKeepWarm.TotalSeconds };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Environments that may run at once (functions without ReservedConcurrentExecutions).", DefaultValueFactory = _ => LambdaLimits.DefaultConcurrencyLimit };

    public void AddTo(Command command)
    {
        command.Options.Add(KeepWarm);
        command.Options.Add(Concurrency);
    }

    public EngineOptions EngineOptions(ParseResult parse, TemplateOptions templateOptions) => new()
    {
        Region = templateOptions.Region,
        KeepWarm = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(KeepWarm))),
        ConcurrencyLimit = Math.Max(1, parse.GetValue(Concurrency)),
    };
}
