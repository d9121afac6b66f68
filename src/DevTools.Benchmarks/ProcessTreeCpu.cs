namespace DevTools.Benchmarks;

/// <summary>
/// CPU time (user + system) of a server process and, separately, of its descendants (for us: the runtime
/// processes), read from /proc. Over a run of sequential invokes it says where each invoke's CPU goes.
/// </summary>
internal sealed class ProcessTreeCpu(int rootPid)
{
    private (double Root, double Descendants) _start;

    public void Start() => _start = Read();

    /// <summary>Seconds of CPU used since <see cref="Start"/> by the root process and by its descendants.</summary>
    public (double Root, double Descendants) Elapsed()
    {
        var now = Read();
        return (now.Root - _start.Root, now.Descendants - _start.Descendants);
    }

    private (double Root, double Descendants) Read()
    {
        if (!OperatingSystem.IsLinux()) return (0, 0);
        var descendants = 0.0;
        foreach (var pid in Descendants(rootPid)) descendants += CpuSeconds(pid);
        return (CpuSeconds(rootPid), descendants);
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        string[] tasks;
        try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
        catch (IOException) { yield break; }
        foreach (var task in tasks)
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; }
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                yield return child;
                foreach (var grandchild in Descendants(child)) yield return grandchild;
            }
        }
    }

    private static double CpuSeconds(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // USER_HZ is 100 on Linux
        }
        catch (IOException) { return 0; }
    }
}
