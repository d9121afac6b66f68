using System.Collections.Concurrent;

namespace DevTools.Engine.Isolation.Network;

/// <summary>
/// Network namespaces made ahead of need. Making one takes about 20 ms (slirp4netns coming up in it), which a cold start
/// should not wait for: a few are kept ready, and each one taken is replaced in the background, a moment later (not
/// while the cold start that took it still needs the CPU for its own processes). One made on demand
/// (none was ready) is handed over at once, its outbound link still coming up (see <see cref="NetworkNamespace.Ready"/>).
/// </summary>
internal sealed class NetworkNamespaces(IsolationCapabilities capabilities, Watchdog watchdog) : IDisposable
{
    private const int ReadyCount = 2;
    private static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterATake = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<NetworkNamespace> _ready = new();
    private int _refilling;
    private volatile bool _disposed;

    /// <summary>Makes namespaces ahead of need, once the engine has had a moment to start (as the /tmp disks are).</summary>
    public void Prepare() => RefillAfter(StartUpGrace);

    /// <summary>A namespace for an environment: a ready one, else one made now (without waiting for its outbound link).</summary>
    /// <exception cref="IOException">None could be made; the message says why.</exception>
    public NetworkNamespace Take()
    {
        var taken = _ready.TryDequeue(out var ready) ? ready : NetworkNamespace.Create(capabilities, watchdog);
        RefillAfter(AfterATake);
        return taken;
    }

    /// <summary>The namespaces still waiting to be taken go (the engine is stopping).</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_ready.TryDequeue(out var ready)) ready.Dispose();
    }

    private void RefillAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(_ => Refill(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private void Refill()
    {
        if (_disposed || Interlocked.Exchange(ref _refilling, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                while (!_disposed && _ready.Count < ReadyCount)
                {
                    var made = NetworkNamespace.Create(capabilities, watchdog);
                    try { await made.Ready.ConfigureAwait(false); }
                    catch (IOException)
                    {
                        made.Dispose();
                        throw;
                    }
                    _ready.Enqueue(made);
                    if (_disposed) Dispose();
                }
            }
            catch (IOException) { } // the next environment makes its own, and says why it could not
            finally { Volatile.Write(ref _refilling, 0); }
        });
    }
}
