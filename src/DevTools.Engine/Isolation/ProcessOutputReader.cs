using System.Text;

namespace DevTools.Engine.Isolation;

/// <summary>
/// Reads a process's stdout and stderr as lines, on one thread that waits in poll(2), with every read and the delivery
/// of its lines done under one lock. <see cref="Drain"/> takes the same lock and reads what is left in the pipes itself,
/// so when it returns, every line written before it was called has been delivered: a function's log lines always come
/// before the record of the invoke that wrote them. (An awaited pipe read cannot promise that: between the kernel's read
/// and its continuation the bytes are in neither place.)
/// </summary>
internal sealed class ProcessOutputReader
{
    private const int ReadSize = 16 * 1024;
    private const int MaxReadsPerDrain = 64; // a process writing without pause cannot keep a drain busy forever

    private readonly object _gate = new();
    private readonly Pipe[] _pipes;
    private readonly Action<string, bool> _onLine;
    private readonly int _wakeFd;
    private readonly Thread _thread;
    private readonly byte[] _buffer = new byte[ReadSize];
    private volatile bool _stopping;

    public ProcessOutputReader(int stdoutFd, int stderrFd, Action<string, bool> onLine)
    {
        _onLine = onLine;
        _pipes = [new Pipe(stdoutFd, isStderr: false), new Pipe(stderrFd, isStderr: true)];
        foreach (var pipe in _pipes) Native.SetNonBlocking(pipe.Fd);
        _wakeFd = Native.NewWakeFd();
        _thread = new Thread(Run, maxStackSize: 256 * 1024) { IsBackground = true, Name = "process output" };
        _thread.Start();
    }

    /// <summary>Completes when both pipes reached end of file (every process holding them has exited) or the reader was stopped.</summary>
    public Task Completed => _completed.Task;
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Delivers every complete line written so far.</summary>
    public void Drain()
    {
        lock (_gate)
            foreach (var pipe in _pipes)
                if (!pipe.Closed) ReadAvailable(pipe, MaxReadsPerDrain);
    }

    /// <summary>Stops reading (what is still unread is dropped) and waits for the thread, so the pipes can be closed safely.</summary>
    public void Stop(TimeSpan wait)
    {
        _stopping = true;
        if (_wakeFd >= 0) Native.Wake(_wakeFd);
        if (_thread.Join(wait) && _wakeFd >= 0) Native.CloseFd(_wakeFd);
    }

    private void Run()
    {
        Span<Native.PollFd> fds = stackalloc Native.PollFd[3];
        try
        {
            while (!_stopping)
            {
                for (var i = 0; i < _pipes.Length; i++)
                    fds[i] = new Native.PollFd { Fd = _pipes[i].Closed ? -1 : _pipes[i].Fd, Events = Native.POLLIN };
                fds[2] = new Native.PollFd { Fd = _wakeFd, Events = Native.POLLIN };
                if (fds[0].Fd < 0 && fds[1].Fd < 0) break;
                Native.Poll(fds);
                if (_stopping) break;
                lock (_gate)
                    for (var i = 0; i < _pipes.Length; i++)
                        if (fds[i].Revents != 0 && !_pipes[i].Closed) ReadAvailable(_pipes[i], int.MaxValue);
            }
        }
        finally { _completed.TrySetResult(); }
    }

    // Under _gate. Reads until the pipe is empty (or the read budget is spent); at end of file the last partial line goes out.
    private void ReadAvailable(Pipe pipe, int maxReads)
    {
        for (var reads = 0; reads < maxReads; reads++)
        {
            var n = Native.Read(pipe.Fd, _buffer);
            if (n == -Native.EAGAIN) return;
            if (n <= 0)
            {
                pipe.Closed = true;
                if (pipe.Partial.Length > 0) Emit(pipe.Partial.GetBuffer().AsSpan(0, (int)pipe.Partial.Length), pipe.IsStderr);
                pipe.Partial.SetLength(0);
                return;
            }
            Split(pipe, _buffer.AsSpan(0, n));
        }
    }

    private void Split(Pipe pipe, ReadOnlySpan<byte> span)
    {
        int newline;
        while ((newline = span.IndexOf((byte)'\n')) >= 0)
        {
            if (pipe.Partial.Length > 0)
            {
                pipe.Partial.Write(span[..newline]);
                Emit(pipe.Partial.GetBuffer().AsSpan(0, (int)pipe.Partial.Length), pipe.IsStderr);
                pipe.Partial.SetLength(0);
            }
            else Emit(span[..newline], pipe.IsStderr);
            span = span[(newline + 1)..];
        }
        if (!span.IsEmpty) pipe.Partial.Write(span);
    }

    private void Emit(ReadOnlySpan<byte> line, bool isStderr)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        try { _onLine(Encoding.UTF8.GetString(line), isStderr); }
        catch { /* output handling must not stop the reader */ }
    }

    private sealed class Pipe(int fd, bool isStderr)
    {
        public int Fd { get; } = fd;
        public bool IsStderr { get; } = isStderr;
        public bool Closed { get; set; }
        public MemoryStream Partial { get; } = new();
    }
}
