namespace DevTools.Engine.Isolation.Cgroups;

/// <summary>One environment's control group(s): every process of the environment, whatever it forks, belongs to it.</summary>
internal interface IEnvironmentCgroup : IDisposable
{
    /// <summary>The <c>cgroup.procs</c> files the launcher writes its pid into before it execs the runtime.</summary>
    IReadOnlyList<string> ProcsFiles { get; }

    void Freeze();
    void Thaw();

    /// <summary>Peak memory of the group since it was created, in bytes; 0 without a memory controller.</summary>
    long PeakMemoryBytes();

    /// <summary>How many processes the kernel has killed in this group for exceeding its memory limit.</summary>
    long OomKills();

    /// <summary>Every process of the group.</summary>
    IReadOnlyList<int> Pids();

    /// <summary>Kills every process of the group, including ones that left the runtime's process group.</summary>
    Task KillAllAsync();

    /// <summary>Removes the group (its processes must be gone).</summary>
    Task DeleteAsync();
}
