using DevTools.Protocol;
using DevTools.Protocol.Transport;
using StreamJsonRpc;

namespace DevTools.Client;

/// <summary>
/// A connection to a workspace's backend, with a typed method for every <c>lambda/*</c> request and the
/// lifecycle events as they happen. <see cref="ConnectOrStartAsync"/> finds the backend (or starts it);
/// clients on the same workspace share its engine, its environments and its events.
/// </summary>
public sealed class DevToolsClient : IDisposable
{
    private readonly object _gate = new();
    private readonly List<EventQueue<LifecycleEventNotification>> _readers = [];

    private DevToolsClient(IJsonRpcMessageHandler handler)
    {
        Rpc = new ProtocolClientRpc(handler);
        Rpc.AddLocalRpcTarget(new NotificationTarget(this));
        Rpc.Disconnected += (_, _) =>
        {
            lock (_gate) foreach (var reader in _readers) reader.Complete();
        };
        Rpc.StartListening();
    }

    /// <summary>The underlying connection, for messages this class does not wrap (e.g. the LSP ones).</summary>
    public JsonRpc Rpc { get; }

    /// <summary>Completes when the connection closes.</summary>
    public Task Completion => Rpc.Completion;

    /// <summary>Raised for every <c>lambda/event</c> notification (after <see cref="SubscribeAsync"/>), on a background thread.</summary>
    public event EventHandler<LifecycleEventNotification>? EventReceived;

    /// <summary>Connects to the workspace's backend, starting it (detached) when none answers.</summary>
    public static async Task<DevToolsClient> ConnectOrStartAsync(ClientOptions options, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stream = await BackendLauncher.ConnectOrStartAsync(options, cancellationToken).ConfigureAwait(false);
            var client = new DevToolsClient(ProtocolJson.CreateMessageHandler(stream));
            try
            {
                // A first request proves a live backend: a socket whose backend is dying can still accept for a moment.
                var info = await client.GetEngineInfoAsync(cancellationToken).ConfigureAwait(false);
                if (Major(info.ProtocolVersion) != Major(ProtocolConstants.ProtocolVersion))
                {
                    client.Dispose();
                    throw new BackendUnavailableException($"The backend (pid {info.ProcessId}) speaks protocol {info.ProtocolVersion}; this client speaks {ProtocolConstants.ProtocolVersion}. Stop it (lambda/shutdown) to start a matching one.");
                }
                return client;
            }
            catch (Exception e) when (e is ConnectionLostException or IOException or ObjectDisposedException && attempt < 3)
            {
                client.Dispose();
                await Task.Delay(100 * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Major(string version) => version.Split('.')[0];

    /// <summary>A client over a stream already connected to a backend (a socket, a pipe).</summary>
    public static DevToolsClient Attach(Stream duplex) => new(ProtocolJson.CreateMessageHandler(duplex));

    /// <summary>A client over a backend's stdio (<c>devtools serve --stdio</c>): its stdin to send, its stdout to receive.</summary>
    public static DevToolsClient Attach(Stream sending, Stream receiving) => new(ProtocolJson.CreateMessageHandler(sending, receiving));

    public Task<EngineInfo> GetEngineInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync<EngineInfo>(ProtocolMethods.EngineInfo, null, cancellationToken);

    public Task<FunctionListResult> ListFunctionsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<FunctionListResult>(ProtocolMethods.FunctionsList, null, cancellationToken);

    public Task<FunctionListResult> ReloadFunctionsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<FunctionListResult>(ProtocolMethods.FunctionsReload, null, cancellationToken);

    /// <summary>Invokes a function. Cancelling stops waiting; the backend lets the invoke finish, as Lambda does.</summary>
    public Task<InvokeResponse> InvokeAsync(InvokeParams parameters, CancellationToken cancellationToken = default) =>
        CallAsync<InvokeResponse>(ProtocolMethods.Invoke, parameters, cancellationToken);

    public Task<InvokeResponse> InvokeAsync(string functionName, string? payload = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(new InvokeParams { FunctionName = functionName, Payload = payload }, cancellationToken);

    /// <summary>The template's API routes and function URLs, with their URLs when the backend serves them (<c>serve --api-port</c>).</summary>
    public Task<ApiRoutesResult> ListApiRoutesAsync(CancellationToken cancellationToken = default) =>
        CallAsync<ApiRoutesResult>(ProtocolMethods.ApiRoutes, null, cancellationToken);

    /// <summary>
    /// Installs the functions' declared dependencies (all functions when <see cref="BuildParams.Functions"/> is empty) and
    /// the runtime-provided SDKs they need; <c>build.*</c> events report progress meanwhile.
    /// </summary>
    public Task<BuildResult> BuildAsync(BuildParams parameters, CancellationToken cancellationToken = default) =>
        CallAsync<BuildResult>(ProtocolMethods.Build, parameters, cancellationToken);

    /// <summary>The sample events (S3 put, SQS message...) the backend generates, with their flags and this backend's defaults.</summary>
    public async Task<IReadOnlyList<SampleEventDescription>> ListSampleEventsAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync<SampleEventListResult>(ProtocolMethods.EventsSamples, null, cancellationToken).ConfigureAwait(false)).Samples;

    /// <summary>One sample event (its <c>Event</c> is JSON text, what <see cref="InvokeParams.Payload"/> takes); <paramref name="values"/> set its flags by name.</summary>
    public Task<SampleEventGenerateResult> GenerateSampleEventAsync(string id, IDictionary<string, string>? values = null, CancellationToken cancellationToken = default) =>
        CallAsync<SampleEventGenerateResult>(ProtocolMethods.EventsGenerate,
            new SampleEventGenerateParams { Id = id, Values = values is null ? null : new Dictionary<string, string>(values) }, cancellationToken);

    public async Task<IReadOnlyList<EnvironmentDescription>> ListEnvironmentsAsync(string? functionName = null, CancellationToken cancellationToken = default) =>
        (await CallAsync<EnvironmentListResult>(ProtocolMethods.EnvironmentsList, new EnvironmentListParams { FunctionName = functionName }, cancellationToken).ConfigureAwait(false)).Environments;

    /// <summary>Stops one environment (id or id prefix), one function's, or (both null) every environment. Returns how many.</summary>
    public async Task<int> StopEnvironmentsAsync(string? functionName = null, string? environmentId = null, CancellationToken cancellationToken = default) =>
        (await CallAsync<EnvironmentStopResult>(ProtocolMethods.EnvironmentsStop, new EnvironmentStopParams { FunctionName = functionName, EnvironmentId = environmentId }, cancellationToken).ConfigureAwait(false)).Stopped;

    /// <summary>Starts the <c>lambda/event</c> notifications, for one function or (null) all; again replaces the filter.</summary>
    public Task SubscribeAsync(string? functionName = null, CancellationToken cancellationToken = default) =>
        CallAsync<object>(ProtocolMethods.EventsSubscribe, new SubscribeParams { FunctionName = functionName }, cancellationToken);

    public Task UnsubscribeAsync(CancellationToken cancellationToken = default) =>
        CallAsync<object>(ProtocolMethods.EventsUnsubscribe, null, cancellationToken);

    /// <summary>Stops the backend: every environment is retired and every client disconnected.</summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default) =>
        CallAsync<object>(ProtocolMethods.Shutdown, null, cancellationToken);

    /// <summary>The events received from now on, until the connection closes or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<LifecycleEventNotification> ReadEventsAsync(CancellationToken cancellationToken = default)
    {
        var queue = new EventQueue<LifecycleEventNotification>();
        lock (_gate)
        {
            if (Rpc.IsDisposed || Rpc.Completion.IsCompleted) queue.Complete();
            else _readers.Add(queue);
        }
        return Drain(queue, cancellationToken);
    }

    private async IAsyncEnumerable<LifecycleEventNotification> Drain(EventQueue<LifecycleEventNotification> queue, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return e;
        }
        finally
        {
            lock (_gate) _readers.Remove(queue);
        }
    }

    private void OnEvent(LifecycleEventNotification notification)
    {
        lock (_gate) foreach (var reader in _readers) reader.Add(notification);
        EventReceived?.Invoke(this, notification);
    }

    private async Task<T> CallAsync<T>(string method, object? parameters, CancellationToken cancellationToken)
    {
        try
        {
            return parameters is null
                ? await Rpc.InvokeWithCancellationAsync<T>(method, [], cancellationToken).ConfigureAwait(false)
                : await Rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteInvocationException e) when (e.ErrorCode == ProtocolErrorCodes.LambdaServiceError)
        {
            var data = e.DeserializedErrorData as LambdaErrorData;
            throw new LambdaServiceErrorException(data?.ErrorType ?? "ServiceException", data?.StatusCode ?? 500, e.Message, data?.Reason, e);
        }
    }

    public void Dispose() => Rpc.Dispose();

    /// <summary>The client's side of the connection: what the backend notifies.</summary>
    private sealed class NotificationTarget(DevToolsClient client)
    {
        [JsonRpcMethod(ProtocolMethods.Event, UseSingleObjectParameterDeserialization = true)]
        public void OnEvent(LifecycleEventNotification notification) => client.OnEvent(notification);
    }
}
