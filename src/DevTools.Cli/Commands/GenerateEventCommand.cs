using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.SampleEvents;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools generate-event SERVICE EVENT [--flag value ...]</c>: prints a sample event, as <c>sam local generate-event</c>
/// does (one subcommand per service and event of the catalogue, one option per flag); <c>devtools invoke -e -</c> reads it
/// from a pipe. Without an event it lists the service's events; without a service, the services.
/// </summary>
internal static class GenerateEventCommand
{
    public static Command Create()
    {
        // The flags' defaults: the region and account an engine started here would have.
        var context = new SampleEventContext(TemplateArguments.DefaultRegion, LambdaLimits.DefaultAccountId, default);
        var command = new Command("generate-event", "Print a sample event a service sends to a function (S3, SQS, API Gateway...); pipe it into `devtools invoke -e -`.");
        foreach (var service in SampleEventCatalog.Services)
        {
            var serviceCommand = new Command(service.Name, $"{service.Title} sample events.");
            foreach (var sample in SampleEventCatalog.Of(service)) serviceCommand.Subcommands.Add(EventCommand(sample, context));
            serviceCommand.SetAction(_ => ListEvents(service));
            command.Subcommands.Add(serviceCommand);
        }
        command.SetAction(_ => ListServices());
        return command;
    }

    private static Command EventCommand(SampleEvent sample, SampleEventContext context)
    {
        var options = sample.Flags.Select(flag => (Flag: flag, Option: FlagOption(flag, context))).ToList();
        var command = new Command(sample.Name, sample.Description);
        foreach (var (_, option) in options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            try
            {
                var values = options.Select(o => KeyValuePair.Create(o.Flag.Name, parse.GetValue(o.Option)!));
                Console.Out.WriteLine(SampleEventCatalog.Generate(sample, values, context with { Now = DateTimeOffset.UtcNow }));
                return 0;
            }
            catch (SampleEventException e)
            {
                Console.Error.WriteLine("Error: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static Option<string> FlagOption(SampleEventFlag flag, SampleEventContext context)
    {
        var option = new Option<string>("--" + flag.Name)
        {
            Description = flag.Choices is { } choices ? $"{flag.Description} One of {string.Join(", ", choices)}." : flag.Description,
            DefaultValueFactory = _ => flag.DefaultFor(context),
        };
        if (flag.Choices is { } values) option.CompletionSources.Add(values.ToArray());
        return option;
    }

    private static int ListServices()
    {
        Console.Out.WriteLine("Sample events: devtools generate-event SERVICE EVENT [--flag value ...]");
        var width = SampleEventCatalog.Services.Max(s => s.Name.Length) + 2;
        foreach (var service in SampleEventCatalog.Services)
            Console.Out.WriteLine($"  {service.Name.PadRight(width)}{string.Join(", ", SampleEventCatalog.Of(service).Select(s => s.Name))}");
        return 0;
    }

    private static int ListEvents(SampleEventService service)
    {
        var samples = SampleEventCatalog.Of(service);
        Console.Out.WriteLine($"{service.Title} sample events: devtools generate-event {service.Name} EVENT [--flag value ...] (EVENT --help lists its flags)");
        var width = samples.Max(s => s.Name.Length) + 2;
        foreach (var sample in samples) Console.Out.WriteLine($"  {sample.Name.PadRight(width)}{sample.Description}");
        return 0;
    }
}
