using System.Management.Automation;
using DevTools.Client;
using DevTools.PowerShell.Backend;
using StreamJsonRpc;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// What every DevTools cmdlet shares: <c>-TemplatePath</c> (default: template.yaml in the current location), the
/// session's connection to that workspace's backend, Ctrl+C, and one mapping from failures to ErrorRecords.
/// </summary>
public abstract class DevToolsCmdlet : PSCmdlet
{
    internal const string DefaultTemplateName = "template.yaml";
    private CancellationTokenSource _stopping = new();

    /// <summary>
    /// The SAM template (or its folder). Default: template.yaml in the current location. The template's folder is the
    /// workspace: every client of that folder shares one backend.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string TemplatePath { get; set; } = DefaultTemplateName;

    /// <summary>Cancelled by Ctrl+C (<see cref="StopProcessing"/>).</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    protected override void EndProcessing() => base.EndProcessing();

    /// <summary>The template's full path; a terminating error when it does not exist.</summary>
    protected string ResolveTemplate()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(TemplatePath);
        if (Directory.Exists(path)) path = Path.Combine(path, DefaultTemplateName);
        if (!File.Exists(path))
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException($"No SAM template at {path}. Pass -TemplatePath, or run from the folder that holds template.yaml.", path),
                "TemplateNotFound", ErrorCategory.ObjectNotFound, path));
        return Path.GetFullPath(path);
    }

    /// <summary>The session's connection to the template's backend, started when none answers.</summary>
    internal BackendConnection Connect(string templatePath)
    {
        try
        {
            return BackendConnections.Get(templatePath, WriteVerbose, CancelToken);
        }
        catch (Exception e) when (ToErrorRecord(e, templatePath) is { } record)
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
        if (connection is null) WriteVerbose($"No backend serves {Path.GetDirectoryName(templatePath)}.");
        return connection;
    }

    /// <summary>Runs a request on the pipeline thread (Ctrl+C cancels it); failures become ErrorRecords the caller writes or throws.</summary>
    protected T Call<T>(Func<CancellationToken, Task<T>> request) => request(CancelToken).GetAwaiter().GetResult();

    protected void Call(Func<CancellationToken, Task> request) => request(CancelToken).GetAwaiter().GetResult();

    /// <summary>
    /// The ErrorRecord for a failure: Lambda service errors carry their error type as the error id (so it is in the
    /// FullyQualifiedErrorId), a category from their status, and the target; null for Ctrl+C (nothing to report).
    /// </summary>
    internal static ErrorRecord? ToErrorRecord(Exception exception, object? target)
    {
        switch (exception)
        {
            case OperationCanceledException:
                return null;
            case LambdaServiceErrorException lambda:
                var record = new ErrorRecord(lambda, lambda.ErrorType, CategoryFor(lambda), target);
                if (Recommendation(lambda) is { } action) record.ErrorDetails = new ErrorDetails(lambda.Message) { RecommendedAction = action };
                return record;
            case BackendUnavailableException unavailable:
                return new ErrorRecord(unavailable, "BackendUnavailable", ErrorCategory.ResourceUnavailable, target);
            case TemplateMismatchException mismatch:
                return new ErrorRecord(mismatch, "TemplateMismatch", ErrorCategory.ResourceExists, target);
            case ConnectionLostException or ObjectDisposedException or IOException:
                return new ErrorRecord(new BackendUnavailableException($"The connection to the backend was lost: {exception.Message}", exception),
                    "BackendConnectionLost", ErrorCategory.ConnectionError, target);
            case RemoteInvocationException remote:
                return new ErrorRecord(new InvalidOperationException($"The backend refused the request: {remote.Message}", remote),
                    "BackendError", ErrorCategory.InvalidOperation, target);
            case Json.PayloadConversionException payload:
                return new ErrorRecord(payload, "PayloadConversionFailed", ErrorCategory.InvalidData, target);
            default:
                return null;
        }
    }

    private static ErrorCategory CategoryFor(LambdaServiceErrorException e) => e.ErrorType switch
    {
        "ResourceNotFoundException" => ErrorCategory.ObjectNotFound,
        "InvalidRequestContentException" => ErrorCategory.InvalidData,
        "InvalidParameterValueException" => ErrorCategory.InvalidArgument,
        "RequestTooLargeException" => ErrorCategory.LimitsExceeded,
        "TooManyRequestsException" => ErrorCategory.ResourceBusy,
        "InvalidRuntimeException" => ErrorCategory.NotInstalled,
        _ => e.StatusCode is >= 400 and < 500 ? ErrorCategory.InvalidOperation : ErrorCategory.NotSpecified,
    };

    private static string? Recommendation(LambdaServiceErrorException e) => e.ErrorType switch
    {
        "ResourceNotFoundException" => "Get-LocalFunction lists the template's functions.",
        "InvalidRequestContentException" => "Pass the payload as JSON text, a hashtable or an object (it is converted to JSON), or -PayloadPath with a JSON file.",
        "TooManyRequestsException" => "Wait for running invokes to finish, or raise the function's ReservedConcurrentExecutions.",
        _ => null,
    };

    /// <summary>Writes a failure as a non-terminating error (or rethrows what is not ours).</summary>
    protected void WriteFailure(Exception exception, object? target)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        if (exception is OperationCanceledException && CancelToken.IsCancellationRequested) throw new PipelineStoppedException();
        var record = ToErrorRecord(exception, target) ?? new ErrorRecord(exception, "DevToolsFailure", ErrorCategory.NotSpecified, target);
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
