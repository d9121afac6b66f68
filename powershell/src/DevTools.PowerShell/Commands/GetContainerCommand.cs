using System.Management.Automation;
using DevTools.PowerShell.Completion;
using DevTools.Protocol;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the execution environments ("containers") of the workspace's backend.</para>
/// Every client of the workspace's backend sees the same environments: those this session's invokes created, and those
/// of VS Code or another PowerShell session on the same folder. Not the CLI's: <c>devtools invoke</c> runs an engine of
/// its own for one command (as <c>sam local invoke</c> does), and its environments end with it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "Container")]
[OutputType(typeof(LocalContainer))]
public sealed class GetContainerCommand : DevToolsCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string? FunctionName { get; set; }

    /// <summary>Environment ids: whole, a prefix (as the lifecycle records shorten them), or a wildcard pattern.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter]
    [ValidateSet(EnvironmentStates.Initializing, EnvironmentStates.Busy, EnvironmentStates.Frozen, EnvironmentStates.Idle)]
    public string[]? State { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var connection = Connect(templatePath);
        IReadOnlyList<EnvironmentDescription> environments = [];
        if (!Try(() => environments = Call(token => connection.Client.ListEnvironmentsAsync(FunctionName, token)), FunctionName ?? templatePath)) return;

        var now = DateTimeOffset.UtcNow;
        var matchedIds = new HashSet<string>();
        foreach (var e in environments)
        {
            if (State is { Length: > 0 } && !State.Any(s => string.Equals(s, e.State, StringComparison.OrdinalIgnoreCase))) continue;
            if (Id is { Length: > 0 })
            {
                var match = Id.FirstOrDefault(id => IdMatches(id, e.Id));
                if (match is null) continue;
                matchedIds.Add(match);
            }
            WriteObject(ToContainer(e, templatePath, now));
        }
        foreach (var id in Id ?? [])
            if (!matchedIds.Contains(id) && !WildcardPattern.ContainsWildcardCharacters(id))
                WriteError(new ErrorRecord(new ItemNotFoundException($"No environment {id}{(FunctionName is null ? "" : " of " + FunctionName)}{(State is { Length: > 0 } ? " in state " + string.Join("/", State) : "")}."),
                    "ContainerNotFound", ErrorCategory.ObjectNotFound, id));
    }

    internal static bool IdMatches(string pattern, string id) =>
        WildcardPattern.ContainsWildcardCharacters(pattern)
            ? new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(id)
            : id.StartsWith(pattern, StringComparison.OrdinalIgnoreCase);

    internal static LocalContainer ToContainer(EnvironmentDescription e, string templatePath, DateTimeOffset now) => new()
    {
        Id = e.Id,
        FunctionName = e.FunctionName,
        LogicalId = e.LogicalId,
        State = e.State,
        CreatedAt = e.CreatedAt,
        LastUsedAt = e.LastUsedAt,
        Invocations = e.Invocations,
        IdleFor = e.State is EnvironmentStates.Frozen or EnvironmentStates.Idle ? (now - e.LastUsedAt) is var idle && idle > TimeSpan.Zero ? idle : TimeSpan.Zero : null,
        MaxMemoryUsedMB = e.MaxMemoryUsedMb,
        TmpUsedBytes = e.TmpUsedBytes,
        Pid = e.Pid,
        Isolation = e.Isolation,
        TmpMode = e.TmpMode,
        Extensions = [.. e.Extensions],
        TemplatePath = templatePath,
    };
}
