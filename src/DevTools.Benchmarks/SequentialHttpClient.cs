using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace DevTools.Benchmarks;

/// <summary>
/// Sequential invokes over one blocking keep-alive socket: each request is written and its response read on
/// the calling thread, so the client adds as little as a client can to the server's round trip. (HttpClient's
/// asynchronous pipeline hops between pool threads on every request; on a 2-vCPU machine that weighs on every
/// server measured, and on the one being measured most.)
/// </summary>
internal sealed class SequentialHttpClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _head;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end; // unread bytes of _buffer

    /// <summary>A client of the Invoke API: each request invokes the function with the payload.</summary>
    public SequentialHttpClient(string host, int port, string functionName, byte[] payload)
        : this(host, port, "POST", $"/2015-03-31/functions/{functionName}/invocations", payload) { }

    /// <summary>A client of any HTTP endpoint: each request is the same method, path and body.</summary>
    public SequentialHttpClient(string host, int port, string method, string path, byte[] payload)
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(host, port);
        var head = $"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {payload.Length}\r\n\r\n";
        _head = [.. Encoding.ASCII.GetBytes(head), .. payload];
    }

    /// <summary>Warm-up invokes, then timed ones: latencies, rate, errors and the server's CPU per invoke (µs).</summary>
    public SequentialRun Run(int warmup, int count, ProcessTreeCpu? server = null)
    {
        for (var i = 0; i < warmup; i++) Invoke();
        var samples = new List<double>(count);
        var errors = 0;
        server?.Start();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var begun = Stopwatch.GetTimestamp();
            if (Invoke()) samples.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
            else errors++;
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = server?.Elapsed();
        return new SequentialRun(new Stats(samples), count / seconds, errors,
            cpu is { } used ? (used.Root * 1e6 / count, used.Descendants * 1e6 / count) : null);
    }

    /// <summary>One request, its whole answer read; false when the status or X-Amz-Function-Error says it failed.</summary>
    public bool Send() => Invoke();

    /// <summary>One invoke; false when the status or X-Amz-Function-Error says it failed.</summary>
    private bool Invoke()
    {
        _socket.Send(_head);
        var head = ReadLine();
        var ok = head.StartsWith("HTTP/1.1 2", StringComparison.Ordinal);
        long length = -1;
        var chunked = false;
        for (var line = ReadLine(); line.Length > 0; line = ReadLine())
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = long.Parse(value);
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("X-Amz-Function-Error", StringComparison.OrdinalIgnoreCase)) ok = false;
        }
        if (chunked)
        {
            for (var size = Convert.ToInt64(ReadLine().Split(';')[0].Trim(), 16); size > 0; size = Convert.ToInt64(ReadLine().Split(';')[0].Trim(), 16))
            {
                Skip(size);
                ReadLine();
            }
            while (ReadLine().Length > 0) { } // trailers
        }
        else if (length > 0) Skip(length);
        return ok;
    }

    private string ReadLine()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            Fill();
        }
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            if (_start == _end) Fill();
            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) throw new InvalidOperationException("a response line longer than the buffer");
        var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0) throw new IOException("the server closed the connection");
        _end += read;
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A sequential run: latencies, rate, errors, and the server's CPU per invoke in µs (its own process, its descendants).</summary>
internal sealed record SequentialRun(Stats Stats, double PerSecond, int Errors, (double Server, double Descendants)? CpuPerInvokeUs);
