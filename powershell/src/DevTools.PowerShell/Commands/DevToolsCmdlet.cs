using System.Diagnostics;
using System.Management.Automation;
using DevTools.PowerShell.Backend;
using DevTools.Protocol.Workspace;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// What every DevTools cmdlet shares: <c>-TemplatePath</c> (default: the current location), the session's connection
/// to that workspace's backend, Ctrl+C, and writing failures as ErrorRecords.
/// </summary>
public abstract class DevToolsCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The SAM template, or a folder: the template <c>sam build</c> wrote in it, else its template.yaml, else its
    /// template.yml (<see cref="TemplateLocator"/>, as the CLI and the editor look). Default: the current location.
    /// Every client of the template's workspace shares one backend.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? TemplatePath { get; set; }

    /// <summary>Cancelled by Ctrl+C (<see cref="StopProcessing"/>).</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The full path of the template <c>-TemplatePath</c> stands for; a terminating error when there is none.</summary>
    protected string ResolveTemplate()
    {
        // PowerShell resolves the path (its provider paths, its current location); the shared rule says which template it means.
        var path = TemplatePath is null
            ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TemplatePath);
        if (TemplateLocator.Resolve(path) is { } template) return template;
        var message = Directory.Exists(path)
            ? $"No SAM template in {path} (looked for {string.Join(", ", TemplateLocator.SourceNames.Prepend(TemplateLocator.SamBuildTemplate))}). Pass -TemplatePath, or run from the template's folder."
            : $"No SAM template at {path}.";
        ThrowTerminatingError(new ErrorRecord(new FileNotFoundException(message, path), "TemplateNotFound", ErrorCategory.ObjectNotFound, path));
        throw new UnreachableException();
    }

    /// <summary>The session's connection to the template's backend, started when none answers.</summary>
    internal BackendConnection Connect(string templatePath)
    {
        try
        {
            return BackendConnections.Get(templatePath, WriteVerbose, CancelToken);
        }
        catch (Exception e) when (ErrorRecords.From(e, templatePath) is { } record)
        {
            ThrowTerminatingError(record);
            throw; // not reached
        }
    }

    /// <summary>The session's connection when a backend already serves the template's folder; null (with a verbose note) when none does. Starts nothing.</summary>
    internal BackendConnection? RunningBackend(string templatePath)
    {
        BackendConnection? connection = null;
        if (!Try(() => connection = BackendConnections.TryGetRunning(templatePath, WriteVerbose, CancelToken), templatePath)) return null;
        if (connection is null) WriteVerbose($"No backend serves {TemplateLocator.WorkspaceOf(templatePath)}.");
        return connection;
    }

    /// <summary>Runs a request on the pipeline thread (Ctrl+C cancels it); failures become ErrorRecords the caller writes or throws.</summary>
    protected T Call<T>(Func<CancellationToken, Task<T>> request) => request(CancelToken).GetAwaiter().GetResult();

    protected void Call(Func<CancellationToken, Task> request) => request(CancelToken).GetAwaiter().GetResult();

    /// <summary>Writes a failure as a non-terminating error (or rethrows what is not ours).</summary>
    protected void WriteFailure(Exception exception, object? target)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        if (exception is OperationCanceledException && CancelToken.IsCancellationRequested) throw new PipelineStoppedException();
        var record = ErrorRecords.From(exception, target) ?? new ErrorRecord(exception, "DevToolsFailure", ErrorCategory.NotSpecified, target);
        WriteError(record);
    }

    /// <summary>Runs an action; a failure becomes a non-terminating error record. Returns false when it failed.</summary>
    protected bool Try(Action action, object? target)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is not PipelineStoppedException and not PSInvalidOperationException and not ActionPreferenceStopException && !(e is OperationCanceledException && CancelToken.IsCancellationRequested))
        {
            WriteFailure(e, target);
            return false;
        }
    }
}
