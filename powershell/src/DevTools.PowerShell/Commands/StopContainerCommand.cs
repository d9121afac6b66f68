using System.Management.Automation;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops execution environments: by id, or from Get-Container on the pipeline.</para>
/// The next invoke of the function is a cold start. A busy environment stops when its invoke ends.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "Container", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LocalContainer))]
public sealed class StopContainerCommand : DevToolsCmdlet
{
    /// <summary>Environment ids (or prefixes of them).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Output the environments as they were before they were stopped.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var connection = Connect(templatePath);
        foreach (var id in Id)
        {
            LocalContainer? container = null;
            if (!Try(() =>
                {
                    var environments = Call(token => connection.Client.ListEnvironmentsAsync(null, token));
                    var match = environments.Where(e => e.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (match.Count == 1) container = GetContainerCommand.ToContainer(match[0], templatePath, DateTimeOffset.UtcNow);
                    else if (match.Count > 1) throw new AmbiguousContainerIdException(id, match.Select(e => e.Id));
                }, id))
                continue;
            if (container is null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No environment {id} on the backend of {templatePath}."), "ContainerNotFound", ErrorCategory.ObjectNotFound, id));
                continue;
            }
            var target = $"{ShortId(container.Id)} ({container.FunctionName}, {container.State}, {container.Invocations} invocation(s))";
            if (!ShouldProcess(target, "Stop environment")) continue;
            var stopped = 0;
            if (!Try(() => stopped = Call(token => connection.Client.StopEnvironmentsAsync(null, container.Id, token)), container)) continue;
            if (stopped == 0)
                WriteError(new ErrorRecord(new ItemNotFoundException($"Environment {container.Id} was already gone."), "ContainerNotFound", ErrorCategory.ObjectNotFound, container));
            else if (PassThru) WriteObject(container);
        }
    }

    private static string ShortId(string id) => id.Length > 8 ? id.Substring(0, 8) : id;
}

/// <summary>An id prefix that names more than one environment.</summary>
public sealed class AmbiguousContainerIdException(string id, IEnumerable<string> matches)
    : Exception($"'{id}' names more than one environment: {string.Join(", ", matches)}. Give more of the id.");
