namespace DevTools.Engine.Isolation.Cgroups;

/// <summary>
/// The engine's own groups (<c>lambda-devtools/engine-PID-…</c>) under each hierarchy it uses,
/// parent of every environment's group. Groups left by engines that died are emptied and
/// removed when a new engine starts.
/// </summary>
internal sealed class CgroupTree
{
    private const string Parent = "lambda-devtools";
    private readonly IsolationPlan _plan;

    public CgroupTree(IsolationPlan plan, string engineName)
    {
        _plan = plan;
        var caps = plan.Capabilities;
        var roots = new Dictionary<string, string>();
        if (plan.UsesCgroupV1)
        {
            foreach (var (controller, root) in caps.CgroupV1)
            {
                if (controller == "memory" && plan.Memory != IsolationLevel.CgroupV1) continue;
                if (controller == "cpu" && plan.Cpu != IsolationLevel.CgroupV1) continue;
                roots[controller] = root;
            }
        }
        else if (plan.UsesCgroupV2)
        {
            roots["unified"] = caps.CgroupV2Root!;
        }

        var groups = new Dictionary<string, string>();
        foreach (var (controller, root) in roots)
        {
            var parent = Path.Combine(root, Parent);
            Directory.CreateDirectory(parent);
            if (controller == "unified") EnableControllers(root, parent);
            RemoveStale(parent);
            var group = Path.Combine(parent, engineName);
            Directory.CreateDirectory(group);
            if (controller == "unified") EnableControllers(parent, group);
            groups[controller] = group;
        }
        EngineGroups = groups;
    }

    /// <summary>The engine's group per controller (v1: freezer, memory, cpu; v2: unified).</summary>
    public IReadOnlyDictionary<string, string> EngineGroups { get; }

    public IEnvironmentCgroup CreateEnvironment(string environmentId, int memoryMb)
    {
        // Lambda gives CPU in proportion to memory (1,769 MB = one vCPU): express it as a relative weight.
        if (_plan.UsesCgroupV1)
        {
            int? shares = _plan.Cpu == IsolationLevel.CgroupV1 ? Math.Max(2, memoryMb * 1024 / 1769) : null;
            return new CgroupV1Environment(EngineGroups, environmentId, memoryMb, shares);
        }
        int? weight = _plan.Cpu == IsolationLevel.CgroupV2 ? Math.Clamp(memoryMb * 100 / 1769, 1, 10000) : null;
        return new CgroupV2Environment(EngineGroups["unified"], environmentId, memoryMb, _plan.Memory == IsolationLevel.CgroupV2, weight);
    }

    /// <summary>Removes the engine's groups (their environments are gone by then).</summary>
    public async Task DeleteAsync()
    {
        foreach (var group in EngineGroups.Values) await CgroupFiles.RemoveDirectoryAsync(group).ConfigureAwait(false);
    }

    private static void EnableControllers(string parent, string child)
    {
        // v2: a child can only use the controllers its parent enables for its subtree.
        var available = CgroupFiles.Read(Path.Combine(parent, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var controller in available.Intersect(["memory", "cpu", "pids"]))
            CgroupFiles.TryWrite(Path.Combine(parent, "cgroup.subtree_control"), "+" + controller);
    }

    private static void RemoveStale(string parent)
    {
        foreach (var dir in Directory.GetDirectories(parent, "engine-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 2 || !int.TryParse(parts[1], out var pid) || Native.ProcessExists(pid)) continue;
            foreach (var environment in Directory.GetDirectories(dir))
            {
                foreach (var leftover in CgroupFiles.ReadPids(Path.Combine(environment, "cgroup.procs")))
                    Native.Kill(leftover, Native.SIGKILL);
                CgroupFiles.TryWrite(Path.Combine(environment, "freezer.state"), "THAWED");
                CgroupFiles.TryWrite(Path.Combine(environment, "cgroup.freeze"), "0");
            }
            CgroupFiles.RemoveDirectoryAsync(dir).GetAwaiter().GetResult(); // once, at engine start-up
        }
    }
}
