namespace DevTools.Engine.Isolation;

/// <summary>
/// The peak resident memory of an environment's process tree, from each process's
/// high-water mark (<c>VmHWM</c> in /proc). Lambda reports the environment's peak, so
/// this is a real figure, never the configured size.
/// </summary>
public static class MemoryMeter
{
    /// <summary>Peak RSS in bytes of the process and its descendants; 0 when /proc is unavailable.</summary>
    public static long PeakBytes(int rootPid)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long total = 0;
        var pending = new Stack<int>();
        pending.Push(rootPid);
        var guard = 0;
        while (pending.Count > 0 && guard++ < 4096)
        {
            var pid = pending.Pop();
            total += ReadHighWaterMark(pid);
            foreach (var child in Children(pid)) pending.Push(child);
        }
        return total;
    }

    /// <summary>Sum of the peak RSS of these processes (an environment's, from its cgroup).</summary>
    public static long PeakBytes(IEnumerable<int> pids)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long total = 0;
        foreach (var pid in pids) total += ReadHighWaterMark(pid);
        return total;
    }

    /// <summary>VmHWM from /proc/PID/status, read into a stack buffer: this runs once per invoke, on its way back to the pool.</summary>
    private static long ReadHighWaterMark(int pid)
    {
        Span<byte> status = stackalloc byte[4096];
        int length;
        try
        {
            using var file = File.OpenHandle($"/proc/{pid}/status");
            length = RandomAccess.Read(file, status, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        var text = status[..length];
        var at = text.IndexOf("VmHWM:"u8);
        if (at < 0) return 0;
        var rest = text[(at + 6)..];
        var end = rest.IndexOf((byte)'\n');
        var field = (end < 0 ? rest : rest[..end]).Trim(" \t"u8);
        var digits = field.IndexOf((byte)' ') is var space and > 0 ? field[..space] : field;
        return System.Buffers.Text.Utf8Parser.TryParse(digits, out long kb, out _) ? kb * 1024 : 0;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/task/{pid}/children"); }
        catch (IOException) { yield break; }
        catch (UnauthorizedAccessException) { yield break; }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(part, out var child)) yield return child;
    }
}
