using System.Net.Sockets;
using DevTools.Engine.Events;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary>
/// The Telemetry API's side that sends: each subscription's records, batched as Lambda batches them (up to
/// <c>maxItems</c> / <c>maxBytes</c>, or after <c>timeoutMs</c>), POSTed as a JSON array to the extension's listener.
/// The records are the engine's own events (one event model). Nothing is sent while the environment is frozen: a
/// frozen listener cannot answer; what was buffered goes out when it runs again.
/// </summary>
/// <param name="createSocket">
/// Makes a socket in the environment's network, where its <c>sandbox.localdomain</c> is (its own loopback, when it has a
/// network of its own); a socket of the machine's when null.
/// </param>
public sealed class TelemetryDelivery(Func<Socket>? createSocket = null) : IAsyncDisposable
{
    private readonly object _gate = new();
    private HttpClient? _http;
    private readonly List<Batcher> _batchers = [];
    private List<(string Type, byte[] Json)>? _initRecords;
    private bool _paused;

    /// <summary>True once an extension subscribed, or while an init with extensions runs: the environment offers its events then.</summary>
    public bool Active { get; private set; }

    /// <summary>
    /// An init with extensions begins: its records are kept, since extensions subscribe during the init and Lambda
    /// delivers them the init's records (<c>platform.initStart</c> and on) too.
    /// </summary>
    public void BeginInit()
    {
        lock (_gate) _initRecords = [];
        Active = true;
    }

    /// <summary>The init is over: subscriptions are closed, the kept records are no longer needed.</summary>
    public void EndInit()
    {
        lock (_gate)
        {
            _initRecords = null;
            Active = _batchers.Count > 0;
        }
    }

    /// <summary>Called when an extension subscribes (the environment announces it: <c>platform.telemetrySubscription</c>).</summary>
    public event Action<TelemetrySubscription>? Subscribed;

    public void Add(TelemetrySubscription subscription)
    {
        lock (_gate)
        {
            _http ??= NewClient();
            var batcher = new Batcher(subscription, this, _http);
            _batchers.Add(batcher);
            foreach (var (type, json) in _initRecords ?? []) if (subscription.Types.Contains(type)) batcher.Add(json);
        }
        Active = true;
        Subscribed?.Invoke(subscription);
    }

    /// <summary>An event of the environment: buffered for every subscription to its type.</summary>
    public void Offer(LifecycleEvent e)
    {
        if (TelemetrySubscription.TypeOf(e.Type) is not { } type) return;
        byte[]? json = null;
        lock (_gate)
        {
            _initRecords?.Add((type, json ??= LifecycleEventJson.ToTelemetryRecord(e)));
            foreach (var batcher in _batchers.Where(b => b.Subscription.Types.Contains(type)))
                batcher.Add(json ??= LifecycleEventJson.ToTelemetryRecord(e));
        }
    }

    /// <summary>The environment is frozen (true) or runs again (false: what waited goes out).</summary>
    public void Pause(bool paused)
    {
        lock (_gate)
        {
            _paused = paused;
            if (!paused) foreach (var batcher in _batchers) batcher.FlushIfDue(force: false);
        }
    }

    /// <summary>Sends everything buffered now (the end of an invoke, before the environment waits for its extensions).</summary>
    public void Flush()
    {
        lock (_gate) foreach (var batcher in _batchers) batcher.FlushIfDue(force: true);
    }

    /// <summary>Forgets every subscription (the environment's extensions are gone).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var batcher in _batchers) batcher.Dispose();
            _batchers.Clear();
            _initRecords = null;
        }
        Active = false;
    }

    /// <summary>Forgets every subscription and closes the connections to the environment's listeners.</summary>
    public ValueTask DisposeAsync()
    {
        Clear();
        lock (_gate) _http?.Dispose();
        return ValueTask.CompletedTask;
    }

    private HttpClient NewClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancel) =>
        {
            var socket = createSocket?.Invoke() ?? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.NoDelay = true;
                await socket.ConnectAsync(context.DnsEndPoint, cancel).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>One subscription's buffer and sender (one POST at a time, in order).</summary>
    private sealed class Batcher : IDisposable
    {
        private readonly TelemetryDelivery _owner;
        private readonly HttpClient _http;
        private readonly Timer _timer;
        private readonly Uri _target;
        private List<byte[]> _pending = [];
        private int _pendingBytes;
        private Task _sending = Task.CompletedTask;

        public Batcher(TelemetrySubscription subscription, TelemetryDelivery owner, HttpClient http)
        {
            Subscription = subscription;
            _owner = owner;
            _http = http;
            // sandbox.localdomain is the environment's own loopback, which the engine reaches as 127.0.0.1 from its network.
            _target = new UriBuilder(subscription.Destination) { Host = "127.0.0.1" }.Uri;
            _timer = new Timer(_ => { lock (_owner._gate) FlushIfDue(force: true); });
        }

        public TelemetrySubscription Subscription { get; }

        /// <summary>Called under the owner's lock.</summary>
        public void Add(byte[] record)
        {
            _pending.Add(record);
            _pendingBytes += record.Length;
            if (_pending.Count == 1) _timer.Change(Subscription.Timeout, Timeout.InfiniteTimeSpan);
            FlushIfDue(force: false);
        }

        /// <summary>Called under the owner's lock: sends the buffer when full (or when forced), unless the environment is frozen.</summary>
        public void FlushIfDue(bool force)
        {
            if (_pending.Count == 0 || _owner._paused) return;
            if (!force && _pending.Count < Subscription.MaxItems && _pendingBytes < Subscription.MaxBytes) return;
            var batch = _pending;
            _pending = [];
            _pendingBytes = 0;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var previous = _sending;
            _sending = SendAfterAsync(previous, batch);
        }

        private async Task SendAfterAsync(Task previous, List<byte[]> batch)
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var body = new byte[batch.Sum(r => r.Length) + batch.Count + 1];
            var at = 0;
            body[at++] = (byte)'[';
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0) body[at++] = (byte)',';
                batch[i].CopyTo(body, at);
                at += batch[i].Length;
            }
            body[at] = (byte)']';
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(_target, content).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
            {
                // The listener is gone or not up yet: Lambda retries; locally the batch is dropped rather than held forever.
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
