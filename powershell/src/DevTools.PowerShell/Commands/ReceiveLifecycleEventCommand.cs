using System.Management.Automation;
using DevTools.Client;
using DevTools.PowerShell.Backend;
using DevTools.PowerShell.Completion;
using DevTools.Protocol;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Follows the backend's lifecycle events as they happen, until Ctrl+C (like Get-Content -Wait).</para>
/// Sees every invoke the workspace's backend runs: this session's, another session's, the editor's, an AWS SDK's through its Invoke API.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "LifecycleEvent")]
[OutputType(typeof(LifecycleEvent))]
public sealed class ReceiveLifecycleEventCommand : DevToolsCmdlet
{
    /// <summary>Only this function's events (every function's when omitted).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string? FunctionName { get; set; }

    /// <summary>Only events of these types (<c>platform.report</c>, <c>environment.*</c>, ...); wildcards allowed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <summary>Stop following after this many seconds (default: until Ctrl+C or the backend stops).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var patterns = Type?.Select(t => new WildcardPattern(t, WildcardOptions.IgnoreCase)).ToArray();
        using var deadline = TimeoutSec > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(TimeoutSec)) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancelToken, deadline.Token);

        // A connection of its own: its subscription filter is this command's, and it ends with it.
        DevToolsClient client;
        try
        {
            client = BackendConnections.ConnectDedicated(templatePath, CancelToken);
        }
        catch (Exception e) when (ErrorRecords.From(e, templatePath) is { } record)
        {
            ThrowTerminatingError(record);
            return;
        }
        using (client)
        {
            var events = client.ReadEventsAsync(linked.Token).GetAsyncEnumerator(linked.Token);
            try
            {
                Call(token => client.SubscribeAsync(FunctionName, token));
            }
            catch (Exception e) when (ErrorRecords.From(e, FunctionName) is { } record)
            {
                events.DisposeAsync().AsTask().GetAwaiter().GetResult();
                ThrowTerminatingError(record);
            }
            WriteVerbose($"Following {(FunctionName is null ? "every function's" : FunctionName + "'s")} lifecycle events{(TimeoutSec > 0 ? $" for {TimeoutSec} s" : "")}; Ctrl+C stops.");
            try
            {
                while (events.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var e = new LifecycleEvent(events.Current);
                    if (patterns is not null && !patterns.Any(p => p.IsMatch(e.Type))) continue;
                    WriteObject(e);
                }
                if (!linked.IsCancellationRequested) WriteWarning("The backend stopped; no more events.");
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !CancelToken.IsCancellationRequested)
            {
                // -TimeoutSec passed.
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                try { events.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1)); }
                catch (AggregateException) { }
            }
        }
    }
}
