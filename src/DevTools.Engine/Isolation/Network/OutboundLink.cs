using System.Diagnostics;

namespace DevTools.Engine.Isolation.Network;

/// <summary>
/// A network namespace's way out: slirp4netns, a user-mode TCP/IP stack behind a tap device in the namespace
/// (10.0.2.100, gateway 10.0.2.2, resolver 10.0.2.3) that makes the namespace's connections from the engine's network,
/// with no change to the machine's (no bridge, no NAT rule). Its gateway also leads to the machine's own loopback: a
/// service a function calls locally (a database, an emulator) is at 10.0.2.2. It leads its own process group (Ctrl+C in
/// the engine's terminal does not reach it), ends when its stdin closes (the engine ended, even killed), and the
/// watchdog knows it too.
/// </summary>
internal sealed class OutboundLink : IDisposable
{
    /// <summary>slirp4netns's gateway: the machine's loopback, seen from the namespace.</summary>
    public const string HostGateway = "10.0.2.2";

    /// <summary>slirp4netns's DNS forwarder (to the machine's resolver).</summary>
    public const string Resolver = "10.0.2.3";

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Watchdog _watchdog;
    private readonly bool _ownsGroup;

    private OutboundLink(Process process, Watchdog watchdog, bool ownsGroup)
    {
        _process = process;
        _watchdog = watchdog;
        _ownsGroup = ownsGroup;
    }

    /// <summary>Starts slirp4netns in the namespace at <paramref name="namespacePath"/>; completes when its tap device is up.</summary>
    /// <exception cref="IOException">It did not come up; the message has its last words.</exception>
    public static async Task<OutboundLink> StartAsync(IsolationCapabilities capabilities, string namespacePath, Watchdog watchdog)
    {
        var slirp = capabilities.Slirp4netnsPath ?? throw new IOException("slirp4netns not found");
        var start = new ProcessStartInfo(capabilities.SetsidPath ?? slirp)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (capabilities.SetsidPath is not null) start.ArgumentList.Add(slirp);
        // The largest MTU it allows (fewer, bigger packets through user space); stdout says when the tap device is
        // configured; stdin closing ends it.
        foreach (var argument in (string[])["--configure", "--mtu=65520", "--ready-fd=1", "--exit-fd=0", "--netns-type=path", namespacePath, "tap0"])
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new IOException("slirp4netns did not start");
        var lastWords = new LastLines();
        process.ErrorDataReceived += (_, line) => lastWords.Add(line.Data);
        process.BeginErrorReadLine();
        var link = new OutboundLink(process, watchdog, capabilities.SetsidPath is not null);
        if (link._ownsGroup) watchdog.Track("group", process.Id.ToString());

        var read = 0;
        try { read = await process.StandardOutput.BaseStream.ReadAsync(new byte[1]).AsTask().WaitAsync(ReadyWithin).ConfigureAwait(false); }
        catch (TimeoutException) { }
        if (read == 1) return link;
        link.Dispose();
        throw new IOException($"slirp4netns did not come up in the environment's network namespace: {lastWords}");
    }

    public void Dispose()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { } // it had already exited
        if (_ownsGroup) _watchdog.Untrack("group", _process.Id.ToString());
        _process.Dispose();
    }

    /// <summary>The few last lines a process wrote, for an error message.</summary>
    private sealed class LastLines
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 5) _lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (_lines) return _lines.Count == 0 ? "(no output)" : string.Join(" / ", _lines);
        }
    }
}
