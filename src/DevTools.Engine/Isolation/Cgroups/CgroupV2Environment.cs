using Microsoft.Win32.SafeHandles;

namespace DevTools.Engine.Isolation.Cgroups;

/// <summary>
/// An environment's cgroup v2 group: cgroup.freeze, memory.max / memory.peak / memory.events
/// (when the memory controller is delegated), cpu.weight, and cgroup.kill.
/// </summary>
internal sealed class CgroupV2Environment : IEnvironmentCgroup
{
    private readonly string _group;
    private readonly SafeFileHandle _freeze;
    private readonly SafeFileHandle? _peak;
    private readonly SafeFileHandle? _events;

    public CgroupV2Environment(string engineGroup, string environmentId, int memoryMb, bool memoryController, int? cpuWeight)
    {
        _group = Path.Combine(engineGroup, environmentId);
        Directory.CreateDirectory(_group);
        if (memoryController)
        {
            CgroupFiles.Write(Path.Combine(_group, "memory.max"), (memoryMb * 1024L * 1024L).ToString());
            CgroupFiles.TryWrite(Path.Combine(_group, "memory.swap.max"), "0"); // Lambda has no swap
        }
        if (cpuWeight is { } weight) CgroupFiles.TryWrite(Path.Combine(_group, "cpu.weight"), weight.ToString());
        _freeze = CgroupFiles.OpenForWrite(Path.Combine(_group, "cgroup.freeze"));
        if (memoryController && File.Exists(Path.Combine(_group, "memory.peak"))) _peak = CgroupFiles.OpenForRead(Path.Combine(_group, "memory.peak"));
        if (memoryController) _events = CgroupFiles.OpenForRead(Path.Combine(_group, "memory.events"));
        ProcsFiles = [Path.Combine(_group, "cgroup.procs")];
    }

    public IReadOnlyList<string> ProcsFiles { get; }

    public void Freeze() => CgroupFiles.Write(_freeze, "1"u8);

    public void Thaw() => CgroupFiles.Write(_freeze, "0"u8);

    public long PeakMemoryBytes() => _peak is null ? 0 : CgroupFiles.ReadLong(_peak);

    public long OomKills() => _events is null ? 0 : CgroupFiles.ReadKey(_events, "oom_kill"u8);

    public IReadOnlyList<int> Pids() => CgroupFiles.ReadPids(Path.Combine(_group, "cgroup.procs"));

    public async Task KillAllAsync()
    {
        // cgroup.kill (Linux 5.14+) kills the whole group at once, frozen or not.
        if (!CgroupFiles.TryWrite(Path.Combine(_group, "cgroup.kill"), "1"))
        {
            foreach (var pid in Pids()) Native.Kill(pid, Native.SIGKILL);
            Thaw();
        }
        for (var i = 0; i < 100 && Pids().Count > 0; i++) await Task.Delay(5).ConfigureAwait(false);
    }

    public Task DeleteAsync() => CgroupFiles.RemoveDirectoryAsync(_group);

    public void Dispose()
    {
        _freeze.Dispose();
        _peak?.Dispose();
        _events?.Dispose();
    }
}
