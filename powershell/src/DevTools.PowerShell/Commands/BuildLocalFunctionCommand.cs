using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;
using DevTools.PowerShell.Backend;
using DevTools.PowerShell.Completion;
using DevTools.Protocol;
using StreamJsonRpc;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Installs the declared dependencies of the template's functions (package.json, requirements.txt), as sam build does.</para>
/// One build per template for everything the pipeline names; its build.* lifecycle events show as Write-Progress and,
/// with -Verbose, as the build log. One result object per function; a failed function is a non-terminating error.
/// </summary>
// "Build" is an approved verb (Lifecycle) since PowerShell 6; PowerShell Standard 5.1, the reference this compiles against, has no constant for it.
[Cmdlet("Build", "LocalFunction")]
[OutputType(typeof(LocalBuildResult))]
public sealed class BuildLocalFunctionCommand : DevToolsCmdlet
{
    private const string Activity = "Building Lambda functions";

    /// <summary>What the pipeline asked for, per template, in the order it came: built once in EndProcessing.</summary>
    private readonly List<(string TemplatePath, BuildRequest Request)> _requests = [];

    /// <summary>Logical ids or function names (wildcards allowed); every function of the template when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string[]? FunctionName { get; set; }

    /// <summary>Install again even when the manifest has not changed since the last build.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var request = _requests.FirstOrDefault(r => BackendConnections.SamePath(r.TemplatePath, templatePath)).Request;
        if (request is null)
        {
            request = new BuildRequest();
            _requests.Add((templatePath, request));
        }
        if (FunctionName is not { Length: > 0 }) request.All = true;
        else
            foreach (var name in FunctionName)
                if (!request.Names.Contains(name, StringComparer.Ordinal)) request.Names.Add(name);
    }

    protected override void EndProcessing()
    {
        foreach (var (templatePath, request) in _requests) Build(templatePath, request);
        base.EndProcessing();
    }

    private void Build(string templatePath, BuildRequest request)
    {
        var connection = Connect(templatePath);
        FunctionListResult list = new();
        if (!Try(() => list = connection.Functions(refresh: true, CancelToken), templatePath)) return;

        // Wildcards pick from the template's functions, as Get-LocalFunction's do; other names go to the engine as typed:
        // it resolves them (logical id, name, ARN) and refuses the whole build when one names no function.
        List<string>? names = null;
        if (!request.All)
        {
            names = request.Names.SelectMany(name => Expand(list, name)).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0) return; // only wildcards, matching nothing
        }
        WriteVerbose($"Building {(names is null ? "every function" : string.Join(", ", names))}{(Force ? " (forced)" : "")} on backend pid {connection.Info.ProcessId}.");

        using var sink = connection.OpenSink();
        var clock = Stopwatch.StartNew();
        var build = connection.Client.BuildAsync(new BuildParams { Functions = names, Force = Force }, CancelToken);
        _ = build.ContinueWith(t => { _ = t.Exception; sink.Wake(); }, TaskContinuationOptions.ExecuteSynchronously);

        var progress = new ProgressReporter(this, names?.Count ?? list.Functions.Count);
        BuildResult result;
        try
        {
            // The pipeline thread writes progress and the log as the events come (cmdlets may only write from it).
            while (!build.IsCompleted)
                if (sink.TryTake(out var e, 100, CancelToken)) Render(e, progress);
            while (sink.TryTake(out var queued)) Render(queued, progress);

            try
            {
                result = build.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
            {
                progress.Complete();
                if (e is ConnectionLostException) BackendConnections.Forget(connection);
                if (e is RemoteMethodNotFoundException)
                    WriteError(new ErrorRecord(
                            new NotSupportedException($"The backend of this folder (pid {connection.Info.ProcessId}, version {connection.Info.Version}) cannot build functions: it predates lambda/build.", e),
                            "BackendOutdated", ErrorCategory.NotImplemented, templatePath)
                        { ErrorDetails = new ErrorDetails($"The backend (pid {connection.Info.ProcessId}, version {connection.Info.Version}) cannot build functions.") { RecommendedAction = $"Stop-LocalBackend -TemplatePath '{templatePath}', then run Build-LocalFunction again (it starts the module's own backend)." } });
                else WriteFailure(e, names is null ? templatePath : string.Join(", ", names));
                return;
            }
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            // Ctrl+C: the request is cancelled ($/cancelRequest); nothing more to write.
            throw new PipelineStoppedException();
        }
        progress.Complete();

        var failed = result.Functions.Count(f => f.Status == BuildStatuses.Failed);
        WriteVerbose($"The build answered after {clock.Elapsed.TotalSeconds:0.0} s: {result.Functions.Count} function(s), {failed} failed.");
        foreach (var sdk in result.RuntimeSdks.Where(s => s.Status != "failed"))
            WriteVerbose($"Runtime SDK {sdk.Runtime}: {sdk.Status}{(sdk.Version is null ? "" : " " + sdk.Version)}{(sdk.Directory is null ? "" : " in " + sdk.Directory)}.");

        var results = result.Functions.Select(f => ToResult(f, templatePath)).ToList();
        foreach (var r in results) WriteObject(r);

        foreach (var sdk in result.RuntimeSdks.Where(s => s.Status == "failed"))
            WriteWarning($"The runtime-provided SDK for {sdk.Runtime}{(sdk.Packages.Count == 0 ? "" : $" ({string.Join(", ", sdk.Packages)})")} could not be installed: {sdk.Message ?? "no reason given"}. Functions that import it fail until it is.");

        foreach (var r in results.Where(r => r.Status == BuildStatuses.Failed))
        {
            var exception = new FunctionBuildException(r);
            WriteError(new ErrorRecord(exception, "BuildFailed", ErrorCategory.NotInstalled, r)
            {
                ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = "Fix the manifest or what the installer reported (Build-LocalFunction -Verbose shows its output), then build again. The function runs with its previous build meanwhile.",
                },
            });
        }
    }

    /// <summary>A wildcard pattern's functions (their logical ids), matched over logical ids and names; any other name as it is.</summary>
    private static IEnumerable<string> Expand(FunctionListResult list, string name)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(name)) return [name];
        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
        return list.Functions.Where(f => pattern.IsMatch(f.LogicalId) || pattern.IsMatch(f.FunctionName)).Select(f => f.LogicalId);
    }

    /// <summary>One build event: its text to Verbose (the build log), its step and last line to the progress bar.</summary>
    private void Render(LifecycleEventNotification e, ProgressReporter progress)
    {
        if (ReferenceEquals(e, BackendConnection.EventSink.WakeUp) || !e.Type.StartsWith("build.", StringComparison.Ordinal)) return;
        WriteVerbose(e.Text ?? $"{e.Type} {(e.Record.ValueKind == JsonValueKind.Undefined ? "{}" : e.Record.GetRawText())}");
        progress.On(e);
    }

    private static LocalBuildResult ToResult(FunctionBuildResult f, string templatePath) => new()
    {
        LogicalId = f.LogicalId,
        FunctionName = f.FunctionName,
        Status = f.Status,
        Manifest = f.Manifest,
        Command = f.Command,
        Directory = f.Directory,
        DurationMs = f.DurationMs,
        Message = f.Message,
        TemplatePath = templatePath,
    };

    private sealed class BuildRequest
    {
        public bool All { get; set; }
        public List<string> Names { get; } = [];
    }

    /// <summary>Write-Progress from the build.* events: the function, its step and the installer's last line; functions done out of all.</summary>
    private sealed class ProgressReporter(Cmdlet cmdlet, int total)
    {
        private static int _nextActivityId = 0x4200;
        private readonly int _activityId = Interlocked.Increment(ref _nextActivityId);
        private readonly Stopwatch _sinceShown = new();
        private string _subject = "";
        private string _step = "";
        private string _line = "";
        private int _done;
        private bool _shown;

        public void On(LifecycleEventNotification e)
        {
            var step = Property(e.Record, "step") ?? _step;
            if (e.Type == "build.started")
            {
                _subject = step == "runtime-sdk" ? $"runtime SDK{(Property(e.Record, "tool") is { } tool ? $" ({tool})" : "")}" : e.FunctionName;
                _step = step;
                _line = Property(e.Record, "command") ?? "";
            }
            else if (e.Type == "build.output")
            {
                if (Property(e.Record, "line") is { Length: > 0 } line) _line = line;
            }
            else if (e.Type == "build.finished")
            {
                if (step == "dependencies") _done++;
                _line = Property(e.Record, "status") ?? "finished";
            }
            else return;
            Show(force: e.Type != "build.output");
        }

        private void Show(bool force)
        {
            if (!force && _shown && _sinceShown.ElapsedMilliseconds < 100) return;
            _sinceShown.Restart();
            _shown = true;
            var status = Truncate($"{(_subject.Length == 0 ? "" : _subject + " ")}{_step}{(_line.Length == 0 ? "" : ": " + _line)}");
            var record = new ProgressRecord(_activityId, Activity, status.Length == 0 ? "Starting" : status);
            if (total > 0) record.PercentComplete = Math.Min(99, _done * 100 / total);
            cmdlet.WriteProgress(record);
        }

        public void Complete()
        {
            if (!_shown) return;
            cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private static string? Property(JsonElement record, string name) =>
            record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value)
                ? value.ValueKind switch { JsonValueKind.String => value.GetString(), JsonValueKind.Null or JsonValueKind.Undefined => null, _ => value.GetRawText() }
                : null;

        private static string Truncate(string text)
        {
            var line = text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
            return line.Length > 120 ? line.Substring(0, 117) + "..." : line;
        }
    }
}

/// <summary>A function's dependencies could not be installed; the result is the ErrorRecord's target.</summary>
public sealed class FunctionBuildException(LocalBuildResult result)
    : Exception($"{result.FunctionName}: its dependencies could not be installed{(result.Command is null ? "" : $" ({result.Command})")}: {result.Message ?? "no reason given"}")
{
    public LocalBuildResult Result { get; } = result;
}
