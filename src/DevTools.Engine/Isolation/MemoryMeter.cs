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

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var digits = line.AsSpan(6).Trim();
                var space = digits.IndexOf(' ');
                if (space > 0) digits = digits[..space];
                return long.TryParse(digits, out var kb) ? kb * 1024 : 0;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
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
