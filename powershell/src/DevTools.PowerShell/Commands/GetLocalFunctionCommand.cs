using System.Collections;
using System.Management.Automation;
using DevTools.PowerShell.Completion;
using DevTools.Protocol;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the template's functions, their configuration as the engine runs them, and the template's diagnostics.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "LocalFunction")]
[OutputType(typeof(LocalFunction))]
public sealed class GetLocalFunctionCommand : DevToolsCmdlet
{
    /// <summary>Logical ids or function names; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string[]? FunctionName { get; set; }

    /// <summary>Read the template again first (changed functions get fresh environments; unchanged ones stay warm).</summary>
    [Parameter]
    public SwitchParameter Reload { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var connection = Connect(templatePath);
        FunctionListResult list = new();
        if (!Try(() => list = Reload ? Call(connection.Client.ReloadFunctionsAsync) : connection.Functions(refresh: true, CancelToken), templatePath)) return;

        foreach (var d in list.Diagnostics.Where(d => d.FunctionId is null || Selected(list.Functions.FirstOrDefault(f => f.LogicalId == d.FunctionId))))
            if (d.Severity is "error" or "warning") WriteWarning(ToDiagnostic(d).ToString());

        var matched = new HashSet<string>();
        foreach (var f in list.Functions)
        {
            if (!Selected(f, matched)) continue;
            WriteObject(new LocalFunction
            {
                LogicalId = f.LogicalId,
                FunctionName = f.FunctionName,
                FunctionArn = f.FunctionArn,
                Runtime = f.Runtime,
                Handler = f.Handler,
                CodeDirectory = f.CodeDirectory,
                MemorySizeMB = f.MemorySizeMb,
                TimeoutSeconds = f.TimeoutSeconds,
                EphemeralStorageMB = f.EphemeralStorageMb,
                Architecture = f.Architecture,
                ReservedConcurrentExecutions = f.ReservedConcurrentExecutions,
                Environment = new Hashtable(f.Environment, StringComparer.Ordinal),
                Layers = [.. f.Layers.Select(l => l.Name)],
                Line = f.Line,
                Column = f.Column,
                Runnable = f.Runnable,
                Diagnostics = list.Diagnostics.Where(d => d.FunctionId == f.LogicalId).Select(ToDiagnostic).ToArray(),
                TemplatePath = templatePath,
            });
        }
        foreach (var name in FunctionName ?? [])
            if (!matched.Contains(name) && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteError(new ErrorRecord(new ItemNotFoundException($"No function {name} in {templatePath}. Functions: {string.Join(", ", list.Functions.Select(f => f.LogicalId))}."),
                    "ResourceNotFoundException", ErrorCategory.ObjectNotFound, name));
    }

    private bool Selected(FunctionDescription? f, HashSet<string>? matched = null)
    {
        if (f is null) return false;
        if (FunctionName is not { Length: > 0 }) return true;
        var any = false;
        foreach (var name in FunctionName)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            if (pattern.IsMatch(f.LogicalId) || pattern.IsMatch(f.FunctionName))
            {
                matched?.Add(name);
                any = true;
            }
        }
        return any;
    }

    private static TemplateDiagnostic ToDiagnostic(TemplateDiagnosticInfo d) => new()
    {
        Severity = d.Severity,
        Code = d.Code,
        Message = d.Message,
        File = d.File,
        Line = d.Line,
        Column = d.Column,
        FunctionId = d.FunctionId,
    };
}
