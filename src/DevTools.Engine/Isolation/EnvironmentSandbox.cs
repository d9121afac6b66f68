using System.Net.Sockets;
using DevTools.Engine.Isolation.Cgroups;
using DevTools.Engine.Isolation.Network;

namespace DevTools.Engine.Isolation;

/// <summary>
/// What isolates one execution environment, whatever the level: how its runtime is launched (into
/// its cgroups, with its own /tmp and network), how it is frozen and thawed, how its memory is measured and
/// limited, and how every one of its processes is killed.
/// </summary>
public sealed class EnvironmentSandbox
{
    private readonly SandboxFactory _factory;
    private readonly IEnvironmentCgroup? _cgroup;
    private readonly string _directory;
    private readonly string? _tmpMode;
    private readonly NetworkNamespace? _network;

    internal EnvironmentSandbox(SandboxFactory factory, string environmentId, int memoryMb, int ephemeralStorageMb)
    {
        _factory = factory;
        var plan = factory.Plan;
        _directory = Path.Combine(factory.WorkspaceRoot, environmentId);
        TmpCapBytes = ephemeralStorageMb * 1024L * 1024L;
        TmpHostPath = Path.Combine(_directory, "tmp");
        Directory.CreateDirectory(TmpHostPath);

        if (plan.PrivateTmp) (_tmpMode, TmpHostPath) = MountTmp(factory);
        if (_tmpMode is null && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(TmpHostPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Its own network needs its own mount namespace too (the names in /etc/hosts).
        if (TmpMounted && factory.Networks is { } networks)
        {
            try { _network = networks.Take(); }
            catch (IOException e) { Warning = $"could not give the environment a network of its own ({e.Message}); it shares the machine's"; }
        }

        _cgroup = factory.CreateCgroup(environmentId, memoryMb);
        if (_cgroup is not null)
            foreach (var procs in _cgroup.ProcsFiles) factory.Watchdog.Track("cgroup", Path.GetDirectoryName(procs)!);
    }

    /// <summary>The isolation level: cgroup-v2, cgroup-v1, process-group or none.</summary>
    public string Level => _factory.Plan.Level;

    /// <summary>private-disk, private-mount or directory (see <see cref="TmpModes"/>).</summary>
    public string TmpMode => _tmpMode ?? TmpModes.Directory;

    private bool TmpMounted => _tmpMode is not null;

    /// <summary>namespace or shared (see <see cref="NetworkModes"/>).</summary>
    public string Network => _network is null ? NetworkModes.Shared : NetworkModes.Namespace;

    /// <summary>The Runtime API's port: Lambda's in a network of its own, else any free one of the machine's loopback (0).</summary>
    public int RuntimeApiPort => _network is null ? 0 : LambdaLimits.RuntimeApiPort;

    /// <summary>
    /// Waits, where the environment made its network itself (none was ready), until connections can leave it; returns
    /// a warning when they cannot.
    /// </summary>
    public async Task<string?> NetworkReadyAsync()
    {
        if (_network is null || _network.Ready.IsCompletedSuccessfully) return null;
        try
        {
            await _network.Ready.ConfigureAwait(false);
            return null;
        }
        catch (IOException e) { return $"the environment's network has no way out ({e.Message}): its processes reach only its own loopback"; }
    }

    /// <summary>A TCP socket in the environment's network, for the engine's side of a connection with it.</summary>
    public Socket CreateSocket() => _network?.CreateSocket() ?? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>
    /// Mounts the environment's /tmp: its own disk where the plan allows, else a tmpfs on its folder; a null mode (a
    /// directory) when neither can be had, with <see cref="Warning"/> saying why.
    /// </summary>
    private (string? Mode, string HostPath) MountTmp(SandboxFactory factory)
    {
        string? diskError = null;
        if (factory.TmpDisks?.Take(TmpCapBytes, out diskError) is { } disk) return (TmpModes.PrivateDisk, disk);
        var tmpfsError = Native.MountTmpfs(TmpHostPath, TmpCapBytes);
        if (tmpfsError is null)
        {
            factory.Watchdog.Track("mount", TmpHostPath);
            if (diskError is not null) Warning = $"could not mount a disk as /tmp ({diskError}); using a tmpfs, whose pages count as memory";
            return (TmpModes.PrivateMount, TmpHostPath);
        }
        Warning = $"could not mount a private /tmp ({diskError ?? tmpfsError}); using a directory as TMPDIR";
        return (null, TmpHostPath);
    }

    /// <summary>Where the environment's /tmp lives on the host.</summary>
    public string TmpHostPath { get; }

    /// <summary>The path the runtime uses for it: <c>/tmp</c> itself with a private mount.</summary>
    public string TmpPath => TmpMounted ? "/tmp" : TmpHostPath;

    public long TmpCapBytes { get; }

    /// <summary>True when the kernel enforces the memory limit (a memory cgroup).</summary>
    public bool EnforcesMemory => _cgroup is not null && _factory.Plan.Memory != "none";

    /// <summary>Set when a mechanism of the plan could not be used for this environment.</summary>
    public string? Warning { get; private set; }

    /// <summary>Wraps the runtime's command so it starts inside the sandbox (cgroups, private /tmp, own network, own session).</summary>
    public ProcessStartSpec Wrap(ProcessStartSpec spec)
    {
        var caps = _factory.Plan.Capabilities;
        var environment = new Dictionary<string, string>(spec.Environment) { ["TMPDIR"] = TmpPath };
        var launchSession = caps.SetsidPath is not null;
        var inner = launchSession ? [caps.SetsidPath!, spec.FileName, .. spec.Arguments] : new List<string> { spec.FileName }.Concat(spec.Arguments).ToList();
        if (_cgroup is null && !TmpMounted)
            return spec with { FileName = inner[0], Arguments = inner.Skip(1).ToList(), Environment = environment, OwnsProcessGroup = launchSession };

        var workingDirectory = spec.WorkingDirectory;
        if (_cgroup is not null) environment["DEVTOOLS_CGROUP_PROCS"] = string.Join(' ', _cgroup.ProcsFiles);
        if (TmpMounted)
        {
            // Lambda's file layout: the code at /var/task (read-only), the runtime client at /var/runtime, the layers at /opt.
            var binds = new List<(string Source, string Target)>();
            if (LambdaLayout.Available)
            {
                binds.Add((spec.WorkingDirectory, LambdaLayout.TaskRoot));
                binds.Add((Runtimes.RuntimeLauncher.RuntimeClientsDirectory, LambdaLayout.RuntimeRoot));
                if (spec.OptDirectory is { } opt) binds.Add((opt, LambdaLayout.Opt));
            }
            binds.AddRange(NameResolution.Files(_directory, _network is not null));
            // Anything else the runtime needs under the host's /tmp would vanish behind its private /tmp: bind it elsewhere first.
            foreach (var source in new[] { spec.WorkingDirectory, Runtimes.RuntimeLauncher.RuntimeClientsDirectory }.Concat(spec.ReadPaths).Distinct())
            {
                if (!IsUnderTmp(source) || binds.Any(b => Covers(b.Source, source))) continue;
                var target = Path.Combine(_directory, "binds", binds.Count.ToString());
                Directory.CreateDirectory(target);
                binds.Add((source, target));
            }
            string RemapPath(string value)
            {
                foreach (var (source, target) in binds)
                    if (Covers(source, value)) return target + value[source.Length..];
                return value;
            }
            // Search-path variables (NODE_PATH and the like) list several folders.
            string Remap(string value) => value.Contains(':') ? string.Join(':', value.Split(':').Select(RemapPath)) : RemapPath(value);
            inner = inner.Select(Remap).ToList();
            foreach (var key in environment.Keys.ToList()) environment[key] = Remap(environment[key]);
            workingDirectory = Remap(spec.WorkingDirectory);
            environment["DEVTOOLS_TMP_SOURCE"] = TmpHostPath;
            environment["DEVTOOLS_BINDS"] = string.Join('\n', binds.Select(b => $"{b.Source}|{b.Target}|{(LambdaLayout.IsReadOnly(b.Target) ? "ro" : "rw")}"));
            environment["DEVTOOLS_MOUNT"] = caps.MountPath!;
        }
        environment["DEVTOOLS_WORKDIR"] = workingDirectory;

        var launcher = new List<string> { caps.ShellPath!, SandboxFactory.LauncherPath };
        var command = TmpMounted ? [caps.UnsharePath!, "--mount", "--propagation", "private", .. launcher] : launcher;
        if (_network is not null) command = [caps.NsenterPath!, "--net=" + _network.Path, .. command];
        return new ProcessStartSpec(command[0], [.. command.Skip(1), .. inner], spec.WorkingDirectory, environment) { OwnsProcessGroup = launchSession };
    }

    public void OnStarted(RuntimeProcess process)
    {
        if (process.OwnsProcessGroup) _factory.Watchdog.Track("group", process.Pid.ToString());
    }

    public void OnStopped(RuntimeProcess process)
    {
        if (process.OwnsProcessGroup) _factory.Watchdog.Untrack("group", process.Pid.ToString());
    }

    public void Freeze(RuntimeProcess process)
    {
        if (_cgroup is not null) _cgroup.Freeze();
        else if (Level == IsolationLevel.ProcessGroup) process.SignalGroup(Native.SIGSTOP);
    }

    public void Thaw(RuntimeProcess process)
    {
        if (_cgroup is not null) _cgroup.Thaw();
        else if (Level == IsolationLevel.ProcessGroup) process.SignalGroup(Native.SIGCONT);
    }

    /// <summary>
    /// Peak memory of the environment: its processes' peak resident memory. The memory cgroup's own peak also counts
    /// page cache, /tmp's included, which Lambda does not count as the function's memory; it serves where no process
    /// is left to ask (the runtime was killed at the limit), and as the bound.
    /// </summary>
    public long PeakMemoryBytes(RuntimeProcess? process)
    {
        if (EnforcesMemory)
        {
            var processes = MemoryMeter.PeakBytes(_cgroup!.Pids());
            return processes > 0 ? processes : _cgroup.PeakMemoryBytes();
        }
        return process is null || process.HasExited ? 0 : MemoryMeter.PeakBytes(process.Pid);
    }

    /// <summary>Processes killed by the kernel for exceeding the memory limit, so far.</summary>
    public long OomKills() => EnforcesMemory ? _cgroup!.OomKills() : 0;

    /// <summary>Every process of the environment, when it is known (the cgroup), else the runtime's.</summary>
    public IReadOnlyList<int> Pids(RuntimeProcess? process) =>
        _cgroup?.Pids() ?? (process is null || process.HasExited ? [] : [process.Pid]);

    /// <summary>Kills every process of the environment now.</summary>
    public async Task KillAllAsync(RuntimeProcess? process)
    {
        if (_cgroup is not null) await _cgroup.KillAllAsync().ConfigureAwait(false);
        process?.Kill();
    }

    public long TmpUsedBytes()
    {
        try
        {
            if (TmpMounted)
            {
                var drive = new DriveInfo(TmpHostPath);
                return drive.TotalSize - drive.TotalFreeSpace;
            }
            return new DirectoryInfo(TmpHostPath)
                .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
                .Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    /// <summary>Removes everything of the environment: processes, cgroups, its network, its /tmp.</summary>
    public async Task DestroyAsync(RuntimeProcess? process)
    {
        await KillAllAsync(process).ConfigureAwait(false);
        _network?.Dispose();
        if (_cgroup is not null)
        {
            await _cgroup.DeleteAsync().ConfigureAwait(false);
            foreach (var procs in _cgroup.ProcsFiles) _factory.Watchdog.Untrack("cgroup", Path.GetDirectoryName(procs)!);
            _cgroup.Dispose();
        }
        if (TmpMode == TmpModes.PrivateDisk) _factory.TmpDisks!.Release(TmpHostPath);
        else if (TmpMounted)
        {
            Native.Unmount(TmpHostPath);
            _factory.Watchdog.Untrack("mount", TmpHostPath);
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsUnderTmp(string path) => path == "/tmp" || path.StartsWith("/tmp/", StringComparison.Ordinal);

    private static bool Covers(string folder, string path) => path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
