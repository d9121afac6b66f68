namespace DevTools.Engine.Isolation;

/// <summary>Names of the isolation mechanisms an environment can be run under, strongest first.</summary>
public static class IsolationLevel
{
    /// <summary>One cgroup v2 group per environment: cgroup.freeze, memory.max, cgroup.kill.</summary>
    public const string CgroupV2 = "cgroup-v2";

    /// <summary>One group per environment in the v1 freezer (and memory, cpu) hierarchies.</summary>
    public const string CgroupV1 = "cgroup-v1";

    /// <summary>The runtime runs in its own session and process group; SIGSTOP/SIGCONT freeze the group.</summary>
    public const string ProcessGroup = "process-group";

    /// <summary>No way to freeze here (e.g. Windows): processes keep running between invokes.</summary>
    public const string None = "none";
}
