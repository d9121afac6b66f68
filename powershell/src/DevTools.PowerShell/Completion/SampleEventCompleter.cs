using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DevTools.Engine.SampleEvents;

namespace DevTools.PowerShell.Completion;

/// <summary>
/// Completes a sample event's id (-Name, -SampleEvent: <c>s3-put</c>), service (-Service: <c>s3</c>) or event (-Event:
/// <c>put</c>, of the -Service given) from the catalogue the module ships with its backend: it needs no backend running.
/// </summary>
public sealed class SampleEventCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        IEnumerable<(string Text, string Tooltip)> candidates = parameterName switch
        {
            "Service" => SampleEventCatalog.Services.Select(s => (s.Name, $"{s.Title}: {string.Join(", ", SampleEventCatalog.Of(s).Select(e => e.Name))}")),
            "Event" => SampleEventCatalog.All
                .Where(s => !fakeBoundParameters.Contains("Service") || string.Equals(s.Service.Name, fakeBoundParameters["Service"]?.ToString(), StringComparison.OrdinalIgnoreCase))
                .Select(s => (s.Name, $"{s.Title}: {s.Description}")).Distinct(),
            _ => SampleEventCatalog.All.Select(s => (s.Id, $"{s.Title}: {s.Description}")),
        };
        return candidates
            .Where(c => c.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.Text, c.Text, CompletionResultType.ParameterValue, c.Tooltip))
            .ToList();
    }
}
