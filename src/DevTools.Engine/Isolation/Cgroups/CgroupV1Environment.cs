using Microsoft.Win32.SafeHandles;

namespace DevTools.Engine.Isolation.Cgroups;

/// <summary>
/// An environment's groups in the cgroup v1 hierarchies: freezer (freezer.state), memory
/// (memory.limit_in_bytes, memory.max_usage_in_bytes, oom_kill) and cpu (cpu.shares).
/// </summary>
internal sealed class CgroupV1Environment : IEnvironmentCgroup
{
    private readonly string _freezer;
    private readonly string? _memory;
    private readonly string? _cpu;
    private readonly SafeFileHandle _freezerState;
    private readonly SafeFileHandle? _peak;
    private readonly SafeFileHandle? _oomControl;

    public CgroupV1Environment(IReadOnlyDictionary<string, string> engineGroups, string environmentId, int memoryMb, int? cpuShares)
    {
        _freezer = Create(engineGroups["freezer"], environmentId);
        if (engineGroups.TryGetValue("memory", out var memoryRoot))
        {
            _memory = Create(memoryRoot, environmentId);
            CgroupFiles.Write(Path.Combine(_memory, "memory.limit_in_bytes"), (memoryMb * 1024L * 1024L).ToString());
            CgroupFiles.TryWrite(Path.Combine(_memory, "memory.swappiness"), "0"); // Lambda has no swap
        }
        if (cpuShares is { } shares && engineGroups.TryGetValue("cpu", out var cpuRoot))
        {
            _cpu = Create(cpuRoot, environmentId);
            CgroupFiles.Write(Path.Combine(_cpu, "cpu.shares"), shares.ToString());
        }
        _freezerState = CgroupFiles.OpenForWrite(Path.Combine(_freezer, "freezer.state"));
        if (_memory is not null)
        {
            _peak = CgroupFiles.OpenForRead(Path.Combine(_memory, "memory.max_usage_in_bytes"));
            _oomControl = CgroupFiles.OpenForRead(Path.Combine(_memory, "memory.oom_control"));
        }
        ProcsFiles = new[] { _freezer, _memory, _cpu }.OfType<string>().Select(d => Path.Combine(d, "cgroup.procs")).ToList();
    }

    public IReadOnlyList<string> ProcsFiles { get; }

    public void Freeze() => CgroupFiles.Write(_freezerState, "FROZEN"u8);

    public void Thaw() => CgroupFiles.Write(_freezerState, "THAWED"u8);

    public long PeakMemoryBytes() => _peak is null ? 0 : CgroupFiles.ReadLong(_peak);

    public long OomKills() => _oomControl is null ? 0 : CgroupFiles.ReadKey(_oomControl, "oom_kill"u8);

    public IReadOnlyList<int> Pids() => CgroupFiles.ReadPids(Path.Combine(_freezer, "cgroup.procs"));

    /// <summary>
    /// Frozen v1 tasks do not die until thawed, and running ones may fork while being killed:
    /// freeze, kill every pid, thaw so the kills are delivered, and repeat until the group is empty.
    /// </summary>
    public async Task KillAllAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var pids = Pids();
            if (pids.Count == 0) return;
            Freeze();
            foreach (var pid in pids) Native.Kill(pid, Native.SIGKILL);
            Thaw();
            await Task.Delay(round < 5 ? 2 : 20).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync()
    {
        foreach (var dir in new[] { _freezer, _memory, _cpu }.OfType<string>()) await CgroupFiles.RemoveDirectoryAsync(dir).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _freezerState.Dispose();
        _peak?.Dispose();
        _oomControl?.Dispose();
    }

    private static string Create(string parent, string name)
    {
        var path = Path.Combine(parent, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
