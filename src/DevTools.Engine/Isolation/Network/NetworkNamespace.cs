using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace DevTools.Engine.Isolation.Network;

/// <summary>
/// An environment's own network, as each Lambda environment has one: a network namespace with its own loopback (the
/// Runtime API at 127.0.0.1:9001, extensions' fixed ports that never meet another environment's, sandbox.localdomain on
/// it) and its way out (<see cref="OutboundLink"/>). The engine holds the namespace by a descriptor: processes join it by
/// path (<c>nsenter --net=/proc/ENGINE/fd/N</c>), and the engine's own sockets in it (the Runtime API's listener, the
/// Telemetry API's deliveries) are made on a thread that joins it for that call: a socket stays in the namespace it was
/// made in, whichever thread uses it later.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private readonly SafeFileHandle _descriptor;
    private readonly Task<OutboundLink> _link;
    private Socket? _spare;

    private NetworkNamespace(SafeFileHandle descriptor, Socket spare, IsolationCapabilities capabilities, Watchdog watchdog)
    {
        _descriptor = descriptor;
        _spare = spare;
        _link = Task.Run(() => OutboundLink.StartAsync(capabilities, Path, watchdog));
    }

    /// <summary>
    /// A new namespace with its loopback up and one socket in it made already (the environment's Runtime API listens on
    /// it: a cold start spends no thread on it). Its outbound link comes up meanwhile (<see cref="Ready"/>).
    /// </summary>
    /// <exception cref="IOException">The namespace could not be made; the message says which step failed.</exception>
    public static NetworkNamespace Create(IsolationCapabilities capabilities, Watchdog watchdog)
    {
        var (descriptor, spare) = OnOwnThread(() => (Native.CreateNetworkNamespace(), NewSocket()));
        return new NetworkNamespace(new SafeFileHandle(descriptor, ownsHandle: true), spare, capabilities, watchdog);
    }

    /// <summary>Completes when connections can leave the namespace; faults (<see cref="IOException"/>) when its outbound link did not come up.</summary>
    public Task Ready => _link;

    /// <summary>Null when this machine can make a namespace (the probe makes one and drops it), else why not.</summary>
    public static string? Probe()
    {
        try
        {
            Native.CloseDescriptor(OnOwnThread(Native.CreateNetworkNamespace));
            return null;
        }
        catch (IOException e) { return e.Message; }
    }

    /// <summary>Where a process started by the engine finds the namespace (as long as the engine holds it).</summary>
    public string Path => PathOf(_descriptor);

    /// <summary>A TCP socket in the namespace.</summary>
    /// <exception cref="ObjectDisposedException">The namespace is gone (its environment stopped).</exception>
    public Socket CreateSocket()
    {
        if (Interlocked.Exchange(ref _spare, null) is { } spare) return spare;
        var held = false;
        _descriptor.DangerousAddRef(ref held); // the descriptor cannot be closed (and its number reused) meanwhile
        try
        {
            var descriptor = (int)_descriptor.DangerousGetHandle();
            return OnOwnThread(() =>
            {
                Native.JoinNetworkNamespace(descriptor);
                return NewSocket();
            });
        }
        finally
        {
            if (held) _descriptor.DangerousRelease();
        }
    }

    /// <summary>The outbound link stops; the kernel removes the namespace once nothing else is in it.</summary>
    public void Dispose() =>
        // A link still coming up opens the namespace by its descriptor's path: the descriptor closes after it.
        _link.ContinueWith(link =>
        {
            if (link.IsCompletedSuccessfully) link.Result.Dispose();
            else _ = link.Exception; // observed: the environment was told (NetworkReadyAsync), or never needed it
            Interlocked.Exchange(ref _spare, null)?.Dispose();
            _descriptor.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private static string PathOf(SafeFileHandle descriptor) => $"/proc/{Environment.ProcessId}/fd/{descriptor.DangerousGetHandle()}";

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own that ends with it: a namespace it joined is never the one the
    /// engine's other work runs in.
    /// </summary>
    private static T OnOwnThread<T>(Func<T> work)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "network namespace" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }
}
