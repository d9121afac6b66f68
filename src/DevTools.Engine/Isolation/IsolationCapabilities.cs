namespace DevTools.Engine.Isolation;

/// <summary>
/// What this machine lets the engine use, found by looking (never assumed): cgroup v2 or v1
/// hierarchies it may create groups in, private mount and network namespaces, and the helper programs.
/// </summary>
public sealed record IsolationCapabilities
{
    public bool IsLinux { get; init; }
    public bool IsRoot { get; init; }

    /// <summary>A cgroup v2 directory the engine may create environment groups under (root of a pure v2 host, a delegated subtree, or the hybrid "unified" mount).</summary>
    public string? CgroupV2Root { get; init; }

    /// <summary>True when that v2 hierarchy can also limit memory (the memory controller is available there).</summary>
    public bool CgroupV2Memory { get; init; }
    public bool CgroupV2Cpu { get; init; }

    /// <summary>Writable cgroup v1 hierarchies, by controller name (freezer, memory, cpu).</summary>
    public IReadOnlyDictionary<string, string> CgroupV1 { get; init; } = new Dictionary<string, string>();

    /// <summary>A private mount namespace with its own /tmp is possible (root, unshare and mount present).</summary>
    public bool MountNamespace { get; init; }

    /// <summary>A network namespace per environment is possible (root, network namespaces, nsenter, and slirp4netns for its way out).</summary>
    public bool NetworkNamespace { get; init; }

    public string? SetsidPath { get; init; }
    public string? UnsharePath { get; init; }
    public string? MountPath { get; init; }
    public string? ShellPath { get; init; }
    public string? NsenterPath { get; init; }
    public string? Slirp4netnsPath { get; init; }

    /// <summary>mkfs.ext4, with loop devices: each environment's /tmp can be a disk of its own.</summary>
    public string? MkfsExt4Path { get; init; }

    /// <summary>Everything worth telling the user about a mechanism that is absent, and why.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The isolation levels an engine may be asked for here, strongest first.</summary>
    public IEnumerable<string> AvailableLevels()
    {
        if (CgroupV2Root is not null) yield return IsolationLevel.CgroupV2;
        if (CgroupV1.ContainsKey("freezer")) yield return IsolationLevel.CgroupV1;
        if (IsLinux || OperatingSystem.IsMacOS()) yield return IsolationLevel.ProcessGroup;
        yield return IsolationLevel.None;
    }

    public static IsolationCapabilities Detect()
    {
        if (!OperatingSystem.IsLinux())
            return new IsolationCapabilities { Notes = ["not Linux: environments are separate processes but cannot be frozen, capped or given a private /tmp"] };

        var notes = new List<string>();
        var root = Native.IsRoot;
        var v1 = new Dictionary<string, string>();
        foreach (var controller in new[] { "freezer", "memory", "cpu" })
        {
            var dir = Path.Combine("/sys/fs/cgroup", controller);
            if (File.Exists(Path.Combine(dir, "cgroup.procs")) && CanCreateChild(dir)) v1[controller] = dir;
        }

        string? v2 = null;
        bool v2Memory = false, v2Cpu = false;
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            // A pure cgroup v2 host: our own group (delegated to the user) or the root when we are root.
            var candidates = new List<string>();
            if (OwnCgroupV2() is { } own) candidates.Add(own);
            candidates.Add("/sys/fs/cgroup");
            v2 = candidates.FirstOrDefault(CanCreateChild);
            if (v2 is null) notes.Add("cgroup v2 is mounted but no group is writable (no delegation, not root)");
        }
        else if (File.Exists("/sys/fs/cgroup/unified/cgroup.procs") && CanCreateChild("/sys/fs/cgroup/unified"))
        {
            v2 = "/sys/fs/cgroup/unified";
        }
        if (v2 is not null)
        {
            var controllers = ReadText(Path.Combine(v2, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            v2Memory = controllers.Contains("memory");
            v2Cpu = controllers.Contains("cpu");
        }

        var setsid = FindProgram("setsid");
        var unshare = FindProgram("unshare");
        var mount = FindProgram("mount");
        var shell = FindProgram("sh");
        var mountNamespace = root && unshare is not null && mount is not null && shell is not null;
        if (!root) notes.Add("not root: no private /tmp mount (each environment gets a private TMPDIR instead)");
        else if (!mountNamespace) notes.Add("unshare or mount not found: no private /tmp mount");
        if (setsid is null) notes.Add("setsid not found: runtimes share the engine's process group");
        var nsenter = FindProgram("nsenter");
        var slirp = FindProgram("slirp4netns");
        var networkNamespace = false;
        // Without a way out a namespace would cut functions off the internet and the machine's services: none then.
        const string shared = "environments share the machine's network (an extension's fixed port serves one environment at a time)";
        if (!root) notes.Add($"not root: {shared}");
        else if (slirp is null) notes.Add($"slirp4netns not found: {shared}; install it (apt-get install slirp4netns) for a network namespace per environment");
        else if (nsenter is null || unshare is null) notes.Add($"nsenter or unshare not found (util-linux): {shared}");
        else if (!File.Exists("/dev/net/tun")) notes.Add($"no /dev/net/tun (slirp4netns's tap device): {shared}");
        else if (Network.NetworkNamespace.Probe() is { } error) notes.Add($"no network namespaces ({error}): {shared}");
        else networkNamespace = true;
        var mkfs = FindProgram("mkfs.ext4");
        var loopDevices = File.Exists("/dev/loop-control");
        if (mountNamespace && (mkfs is null || !loopDevices))
            notes.Add(mkfs is null ? "mkfs.ext4 not found (e2fsprogs): /tmp is a tmpfs, whose pages count as the environment's memory"
                : "no loop devices (/dev/loop-control): /tmp is a tmpfs, whose pages count as the environment's memory");

        return new IsolationCapabilities
        {
            IsLinux = true,
            IsRoot = root,
            CgroupV1 = v1,
            CgroupV2Root = v2,
            CgroupV2Memory = v2Memory,
            CgroupV2Cpu = v2Cpu,
            MountNamespace = mountNamespace,
            NetworkNamespace = networkNamespace,
            SetsidPath = setsid,
            UnsharePath = unshare,
            MountPath = mount,
            ShellPath = shell,
            NsenterPath = nsenter,
            Slirp4netnsPath = slirp,
            MkfsExt4Path = loopDevices ? mkfs : null,
            Notes = notes,
        };
    }

    private static string? OwnCgroupV2()
    {
        var line = ReadText("/proc/self/cgroup").Split('\n').FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
        if (line is null) return null;
        var path = "/sys/fs/cgroup" + line[3..].Trim();
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>Tries to create (and remove) a child group: the only reliable test of permission.</summary>
    private static bool CanCreateChild(string dir)
    {
        var probe = Path.Combine(dir, $"lambda-devtools-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    internal static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    internal static string? FindProgram(string name)
    {
        foreach (var dir in new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
