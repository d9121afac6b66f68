using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DevTools.PowerShell.Backend;
using DevTools.Protocol.Workspace;

namespace DevTools.PowerShell.Completion;

/// <summary>
/// Completes -FunctionName from the template (-TemplatePath, else the current location): from the
/// session's live backend connection when there is one (names as the engine resolved them), else from the template's
/// text. Completion never starts a backend.
/// </summary>
public sealed class FunctionNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        string? templatePath;
        try { templatePath = TemplateFor(fakeBoundParameters); }
        catch (Exception e) when (e is not OutOfMemoryException) { return []; }
        if (templatePath is null) return [];

        IEnumerable<(string Name, string Tooltip)> candidates;
        var connection = BackendConnections.Cached(templatePath);
        try
        {
            candidates = connection is not null
                ? connection.Functions(refresh: false, CancellationToken.None).Functions.Select(f => (f.LogicalId, $"{f.LogicalId} ({f.Runtime}, {f.Handler})"))
                : TemplateScanner.FunctionIds(templatePath).Select(id => (id, id));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            candidates = TemplateScanner.FunctionIds(templatePath).Select(id => (id, id));
        }

        return candidates
            .Where(c => c.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, c.Tooltip))
            .ToList();
    }

    /// <summary>The template the command line's -TemplatePath (default: the current location) stands for, as the cmdlet will resolve it.</summary>
    private static string? TemplateFor(IDictionary fakeBoundParameters)
    {
        var given = fakeBoundParameters.Contains("TemplatePath") ? fakeBoundParameters["TemplatePath"]?.ToString() : null;
        return TemplateLocator.Resolve(Path.Combine(CurrentFileSystemLocation(), given ?? ""));
    }

    private static string CurrentFileSystemLocation()
    {
        using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        var result = ps.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath").Invoke();
        return result.Count > 0 && result[0]?.BaseObject is string location ? location : Environment.CurrentDirectory;
    }
}
