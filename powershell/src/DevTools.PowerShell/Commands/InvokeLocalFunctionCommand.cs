using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using DevTools.PowerShell.Backend;
using DevTools.PowerShell.Completion;
using DevTools.PowerShell.Json;
using DevTools.Protocol;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Invokes a function of a SAM template locally, with Lambda's execution model.</para>
/// Parameter names follow AWS's Invoke-LMFunction where they overlap. One result object per invoke; the
/// invoke's lifecycle records stream to the Information stream while it runs.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "LocalFunction", DefaultParameterSetName = PayloadSet)]
[OutputType(typeof(LocalInvokeResult))]
public sealed class InvokeLocalFunctionCommand : DevToolsCmdlet
{
    private const string PayloadSet = "Payload";
    private const string PayloadPathSet = "PayloadPath";
    private const string SampleEventSet = "SampleEvent";

    /// <summary>After this long without an answer the invoke shows Write-Progress.</summary>
    private static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait, after the answer, for the environment's <c>frozen</c> record (it follows within about a millisecond).</summary>
    private static readonly TimeSpan FrozenGrace = TimeSpan.FromMilliseconds(100);

    private static readonly string[] InformationTags = ["DevTools", "Lifecycle"];

    /// <summary>Environments whose invoke is over (frozen, reset or retired) as far as the records shown so far say.</summary>
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private bool _verbose;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>The event: JSON text (sent as is), or a hashtable or any object (converted to JSON).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = PayloadSet)]
    [AllowNull]
    public object? Payload { get; set; }

    /// <summary>A file whose content (JSON) is the event.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PayloadPathSet)]
    [ValidateNotNullOrEmpty]
    public string PayloadPath { get; set; } = "";

    /// <summary>A sample event's id (<c>s3-put</c>): the backend generates a fresh one for each invoke (New-LocalEvent sets its flags).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SampleEventSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SampleEventCompleter))]
    public string SampleEvent { get; set; } = "";

    /// <summary>The client context (JSON text, or an object converted to JSON), as context.clientContext receives it.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    public object? ClientContext { get; set; }

    [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
    [ValidateSet(InvocationTypes.RequestResponse, InvocationTypes.Event, InvocationTypes.DryRun)]
    public string InvocationType { get; set; } = InvocationTypes.RequestResponse;

    /// <summary><c>Tail</c> returns the last 4 KB of the invoke's log in LogTail.</summary>
    [Parameter(Position = 4, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("None", "Tail")]
    public string LogType { get; set; } = "None";

    /// <summary>A version or alias (<c>$LATEST</c> locally).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Qualifier { get; set; }

    protected override void BeginProcessing() => _verbose = VerboseWanted();

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        string? payload;
        string? clientContext;
        try
        {
            payload = ParameterSetName == PayloadPathSet ? ReadPayloadFile() : Payload is null ? null : PayloadConverter.ToJson(Payload);
            clientContext = ClientContext is null ? null : PayloadConverter.ToJson(ClientContext);
        }
        catch (PayloadConversionException e)
        {
            WriteFailure(e, Payload ?? ClientContext);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, e is FileNotFoundException or DirectoryNotFoundException ? "PayloadFileNotFound" : "PayloadFileUnreadable",
                e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ObjectNotFound, PayloadPath));
            return;
        }

        var connection = Connect(templatePath);
        if (ParameterSetName == SampleEventSet && !Try(() => payload = connection.GenerateSampleEvent(SampleEvent, null, CancelToken).Event, SampleEvent)) return;
        var parameters = new InvokeParams
        {
            FunctionName = FunctionName,
            Payload = payload,
            InvocationType = InvocationType,
            ClientContext = clientContext,
            LogTail = string.Equals(LogType, "Tail", StringComparison.OrdinalIgnoreCase),
            Qualifier = Qualifier,
        };

        WriteVerbose($"Invoking {FunctionName} ({InvocationType}{(payload is null ? "" : $", {Encoding.UTF8.GetByteCount(payload)} bytes")}) on backend pid {connection.Info.ProcessId}.");

        // The sink opens before the invoke is sent, so no record is missed; it holds every function's records until the
        // engine says which function the name means (its DryRun answer, asked alongside the invoke: no extra round trip).
        using var sink = connection.OpenSink();
        var clock = Stopwatch.StartNew();
        var invoke = connection.Client.InvokeAsync(parameters, CancelToken);
        var dryRun = InvocationType == InvocationTypes.DryRun ? invoke
            : connection.Client.InvokeAsync(new InvokeParams { FunctionName = FunctionName, Qualifier = Qualifier, InvocationType = InvocationTypes.DryRun }, CancelToken);
        _ = invoke.ContinueWith(t => { _ = t.Exception; sink.Wake(); }, TaskContinuationOptions.ExecuteSynchronously);

        try
        {
            var functionName = FunctionNameFrom(dryRun);
            var progress = new ProgressReporter(this, FunctionName, () => TimeoutOf(connection, functionName));

            // The pipeline thread writes the records as they come (cmdlets may only write from it).
            while (!invoke.IsCompleted)
            {
                if (sink.TryTake(out var e, 50, CancelToken)) Render(e, functionName, progress);
                else if (clock.Elapsed > ProgressAfter) progress.Show(clock.Elapsed);
            }
            while (sink.TryTake(out var queued)) Render(queued, functionName, progress);

            InvokeResponse response;
            try
            {
                response = invoke.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
            {
                if (e is StreamJsonRpc.ConnectionLostException) BackendConnections.Forget(connection);
                WriteFailure(e, FunctionName);
                return;
            }
            var roundTrip = clock.Elapsed;

            // The environment freezes right after its REPORT: show that record too, briefly waiting for it.
            if (response.StatusCode == 200 && response.EnvironmentId is { } environmentId && connection.Freezes && !_settled.Contains(environmentId))
            {
                var waited = Stopwatch.StartNew();
                while (waited.Elapsed < FrozenGrace && sink.TryTake(out var e, (int)Math.Max(1, (FrozenGrace - waited.Elapsed).TotalMilliseconds), CancelToken))
                {
                    Render(e, functionName, progress);
                    if (_settled.Contains(environmentId)) break;
                }
            }
            progress.Complete();
            WriteVerbose($"{response.FunctionName} answered {response.StatusCode} after {roundTrip.TotalMilliseconds:0.0} ms (request {response.RequestId}{(response.EnvironmentId is null ? "" : $", environment {Short(response.EnvironmentId)}, {(response.ColdStart ? "cold" : "warm")}")}).");

            var result = ToResult(response, templatePath);
            WriteObject(result);
            if (result.FunctionError is not null && ErrorActionIsStop())
                ThrowTerminatingError(new ErrorRecord(
                    new FunctionErrorException(result),
                    result.ErrorType ?? result.FunctionError, ErrorCategory.InvalidResult, result));
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            // Ctrl+C: the backend lets the invoke finish in its environment, as Lambda does; nothing more to write.
            throw new PipelineStoppedException();
        }
    }

    /// <summary>A function error is data on the result, unless the call says <c>-ErrorAction Stop</c>.</summary>
    private bool ErrorActionIsStop() =>
        MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var value) &&
        LanguagePrimitives.TryConvertTo<ActionPreference>(value, out var preference) && preference == ActionPreference.Stop;

    private string ReadPayloadFile()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PayloadPath);
        return File.ReadAllText(path, Encoding.UTF8);
    }

    /// <summary>
    /// The function the engine runs for the name the user typed (logical id, name, ARN, qualifier), as its DryRun answers;
    /// null when it refused the name: the invoke then fails with the engine's own error, which is the one reported.
    /// </summary>
    private string? FunctionNameFrom(Task<InvokeResponse> dryRun)
    {
        try
        {
            return dryRun.GetAwaiter().GetResult().FunctionName;
        }
        catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The function's timeout, for the progress bar's 100% (from the session's list of the template's functions); null when unknown.</summary>
    private int? TimeoutOf(BackendConnection connection, string? functionName)
    {
        if (functionName is null) return null;
        try
        {
            return connection.Functions(refresh: false, CancelToken).Functions.FirstOrDefault(f => f.FunctionName == functionName)?.TimeoutSeconds;
        }
        catch (Exception) when (!CancelToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>One lifecycle record of the invoked function: its Lambda text to the Information stream, the engine's record to Verbose.</summary>
    private void Render(LifecycleEventNotification notification, string? functionName, ProgressReporter progress)
    {
        if (notification.FunctionName != functionName || ReferenceEquals(notification, BackendConnection.EventSink.WakeUp)) return;
        if (notification.EnvironmentId is { } environment && notification.Type is "environment.frozen" or "environment.reset" or "environment.retired")
            _settled.Add(environment);
        var e = new LifecycleEvent(notification);
        if (e.Text is not null)
        {
            WriteInformation(new InformationRecord(e, MyInvocation.MyCommand.Name) { Tags = { InformationTags[0], InformationTags[1], e.Type } });
            progress.Status = e.Text;
        }
        if (_verbose) WriteVerbose($"{e.Type} {e.RecordJson}");
    }

    /// <summary>Verbose output is asked for (-Verbose or $VerbosePreference): only then is each record's JSON written out.</summary>
    private bool VerboseWanted()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
            return verbose is SwitchParameter { IsPresent: true } || verbose is true;
        return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference)
            && preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    private LocalInvokeResult ToResult(InvokeResponse r, string templatePath)
    {
        JsonToPowerShell.TryParse(r.Payload, out var parsed);
        return new LocalInvokeResult
        {
            FunctionName = r.FunctionName,
            StatusCode = r.StatusCode,
            Payload = r.Payload,
            Response = parsed,
            FunctionError = r.FunctionError,
            ErrorType = r.ErrorType,
            LogTail = r.LogTail,
            RequestId = r.RequestId,
            ExecutedVersion = r.ExecutedVersion,
            InvocationType = InvocationType,
            EnvironmentId = r.EnvironmentId,
            ColdStart = r.ColdStart,
            DurationMs = r.Metrics?.DurationMs,
            BilledDurationMs = r.Metrics?.BilledDurationMs,
            InitDurationMs = r.Metrics?.InitDurationMs,
            MaxMemoryUsedMB = r.Metrics?.MaxMemoryUsedMb,
            MemorySizeMB = r.Metrics?.MemorySizeMb,
            TemplatePath = templatePath,
        };
    }

    private static string Short(string id) => id.Length > 8 ? id.Substring(0, 8) : id;

    /// <summary>Write-Progress for an invoke that takes a while: the latest record as status, the timeout as 100%.</summary>
    private sealed class ProgressReporter(Cmdlet cmdlet, string functionName, Func<int?> timeoutSeconds)
    {
        private static int _nextActivityId = 0x4C00;
        private readonly int _activityId = Interlocked.Increment(ref _nextActivityId);
        private readonly Lazy<int?> _timeoutSeconds = new(timeoutSeconds);
        private TimeSpan? _lastShown;
        private bool _shown;

        public string Status { get; set; } = "Waiting for the backend";

        public void Show(TimeSpan elapsed)
        {
            if (_lastShown is { } last && elapsed - last < TimeSpan.FromMilliseconds(250)) return;
            _lastShown = elapsed;
            _shown = true;
            var record = new ProgressRecord(_activityId, $"Invoking {functionName}", Truncate(Status))
            {
                CurrentOperation = $"{elapsed.TotalSeconds:0.0} s",
            };
            if (_timeoutSeconds.Value is > 0 and var timeout)
            {
                record.PercentComplete = (int)Math.Min(99, elapsed.TotalSeconds * 100 / timeout);
                record.SecondsRemaining = (int)Math.Max(0, timeout - elapsed.TotalSeconds);
            }
            cmdlet.WriteProgress(record);
        }

        public void Complete()
        {
            if (!_shown) return;
            cmdlet.WriteProgress(new ProgressRecord(_activityId, $"Invoking {functionName}", "Done") { RecordType = ProgressRecordType.Completed });
        }

        private static string Truncate(string text)
        {
            var line = text.Replace('\t', ' ').Replace('\n', ' ');
            return line.Length > 120 ? line.Substring(0, 117) + "..." : line;
        }
    }
}

/// <summary>The function failed (with <c>-ErrorAction Stop</c>); the result is the ErrorRecord's target.</summary>
public sealed class FunctionErrorException(LocalInvokeResult result)
    : Exception($"{result.FunctionName} failed ({result.FunctionError}{(result.ErrorType is null ? "" : ": " + result.ErrorType)}): {result.Payload}")
{
    public LocalInvokeResult Result { get; } = result;
}
