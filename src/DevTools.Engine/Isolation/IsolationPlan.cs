namespace DevTools.Engine.Isolation;

/// <summary>Which isolation level the engine asks for; <see cref="Best"/> picks the strongest the machine allows.</summary>
public enum IsolationMode
{
    Best,
    CgroupV2,
    CgroupV1,
    ProcessGroup,
    None,
}

/// <summary>
/// The mechanisms chosen, one per concern, with the names shown to users
/// (<c>devtools doctor</c>, the environment list, lifecycle events).
/// </summary>
public sealed record IsolationPlan
{
    /// <summary>cgroup-v2, cgroup-v1, process-group or none: how environments are frozen and killed.</summary>
    public required string Level { get; init; }

    /// <summary>cgroup-v2 (memory.max), cgroup-v1 (memory.limit_in_bytes) or none (peak sampled from /proc, not enforced).</summary>
    public required string Memory { get; init; }

    /// <summary>cgroup-v2 (cpu.weight), cgroup-v1 (cpu.shares) or none.</summary>
    public required string Cpu { get; init; }

    /// <summary>
    /// private-disk (an ext4 filesystem of EphemeralStorage's size on /tmp in a private mount namespace), private-mount
    /// (a size-capped tmpfs there: its pages count as memory) or directory (TMPDIR, usage watched, not capped).
    /// </summary>
    public required string Tmp { get; init; }

    /// <summary>
    /// namespace (each environment its own network namespace: its own loopback, outbound through slirp4netns) or shared
    /// (the machine's network).
    /// </summary>
    public required string Network { get; init; }

    public required IsolationCapabilities Capabilities { get; init; }

    public bool UsesCgroupV1 => Level == IsolationLevel.CgroupV1;
    public bool UsesCgroupV2 => Level == IsolationLevel.CgroupV2;
    public bool PrivateTmp => Tmp is TmpModes.PrivateDisk or TmpModes.PrivateMount;

    /// <param name="sharedNetwork">Keep environments on the machine's network even where each could have its own.</param>
    public static IsolationPlan Choose(IsolationCapabilities caps, IsolationMode mode, bool sharedNetwork = false)
    {
        var v1Freezer = caps.CgroupV1.ContainsKey("freezer");
        var canV2 = caps.CgroupV2Root is not null;
        var level = mode switch
        {
            IsolationMode.Best when canV2 && (caps.CgroupV2Memory || !v1Freezer) => IsolationLevel.CgroupV2,
            IsolationMode.Best when v1Freezer => IsolationLevel.CgroupV1,
            IsolationMode.Best when caps.IsLinux => IsolationLevel.ProcessGroup,
            IsolationMode.CgroupV2 when canV2 => IsolationLevel.CgroupV2,
            IsolationMode.CgroupV1 when v1Freezer => IsolationLevel.CgroupV1,
            IsolationMode.CgroupV2 or IsolationMode.CgroupV1 => throw new InvalidOperationException($"Isolation {mode} is not available here: {string.Join("; ", caps.Notes)}"),
            IsolationMode.ProcessGroup or IsolationMode.Best when caps.IsLinux || OperatingSystem.IsMacOS() => IsolationLevel.ProcessGroup,
            _ => IsolationLevel.None,
        };
        var memory = level switch
        {
            IsolationLevel.CgroupV2 when caps.CgroupV2Memory => IsolationLevel.CgroupV2,
            IsolationLevel.CgroupV1 when caps.CgroupV1.ContainsKey("memory") => IsolationLevel.CgroupV1,
            _ => "none",
        };
        var cpu = level switch
        {
            IsolationLevel.CgroupV2 when caps.CgroupV2Cpu => IsolationLevel.CgroupV2,
            IsolationLevel.CgroupV1 when caps.CgroupV1.ContainsKey("cpu") => IsolationLevel.CgroupV1,
            _ => "none",
        };
        var tmp = !caps.MountNamespace || level == IsolationLevel.None || mode == IsolationMode.ProcessGroup ? TmpModes.Directory
            : caps.MkfsExt4Path is not null ? TmpModes.PrivateDisk
            : TmpModes.PrivateMount;
        // A network of its own needs the environment's mount namespace too: its /etc/hosts names sandbox.localdomain.
        var network = caps.NetworkNamespace && tmp != TmpModes.Directory && !sharedNetwork ? NetworkModes.Namespace : NetworkModes.Shared;
        return new IsolationPlan { Level = level, Memory = memory, Cpu = cpu, Tmp = tmp, Network = network, Capabilities = caps };
    }
}

public static class TmpModes
{
    /// <summary>A disk: an ext4 image loop-mounted on /tmp, as big as EphemeralStorage; its page cache is reclaimable.</summary>
    public const string PrivateDisk = "private-disk";

    /// <summary>A tmpfs on /tmp, capped at EphemeralStorage; its pages are memory the environment cannot give back.</summary>
    public const string PrivateMount = "private-mount";
    public const string Directory = "directory";
}

public static class NetworkModes
{
    /// <summary>A network namespace per environment: its own loopback (Runtime API at 127.0.0.1:9001), outbound through slirp4netns.</summary>
    public const string Namespace = "namespace";

    /// <summary>The machine's network: the Runtime API on a free loopback port, one fixed port per machine.</summary>
    public const string Shared = "shared";
}
