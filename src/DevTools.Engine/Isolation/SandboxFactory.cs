using DevTools.Engine.Isolation.Cgroups;
using DevTools.Engine.Isolation.Network;

namespace DevTools.Engine.Isolation;

/// <summary>
/// Everything an engine needs to isolate its environments, set up once: the plan (what this
/// machine allows), the engine's cgroups, its workspace on disk, and the watchdog.
/// </summary>
public sealed class SandboxFactory : IAsyncDisposable
{
    private readonly CgroupTree? _cgroups;

    public SandboxFactory(IsolationPlan plan, string? workspaceDirectory = null)
    {
        Plan = plan;
        var engineName = $"engine-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        // A private /tmp hides the host's /tmp from the runtime, so the workspace must live elsewhere.
        var defaultParent = plan.PrivateTmp ? "/var/tmp/lambda-devtools" : Path.Combine(Path.GetTempPath(), "lambda-devtools");
        WorkspaceRoot = EngineWorkspace.Create(workspaceDirectory ?? defaultParent, engineName);
        Watchdog = Watchdog.Start(plan.Capabilities);
        Watchdog.Track("root", WorkspaceRoot);
        if (plan.Tmp == TmpModes.PrivateDisk) TmpDisks = new TmpDisks(WorkspaceRoot, plan.Capabilities.MkfsExt4Path!, Watchdog);
        if (plan.Network == NetworkModes.Namespace) Networks = new NetworkNamespaces(plan.Capabilities, Watchdog);
        if (plan.UsesCgroupV1 || plan.UsesCgroupV2)
        {
            _cgroups = new CgroupTree(plan, engineName);
            foreach (var group in _cgroups.EngineGroups.Values) Watchdog.Track("cgroup-root", group);
        }
    }

    public IsolationPlan Plan { get; }
    public string WorkspaceRoot { get; }
    internal Watchdog Watchdog { get; }

    /// <summary>Disks for environments' /tmp, when the plan gives them one.</summary>
    internal TmpDisks? TmpDisks { get; }

    /// <summary>Network namespaces for environments, when the plan gives them one.</summary>
    internal NetworkNamespaces? Networks { get; }

    /// <summary>Gets ready, off the invoke path, what environments with this much /tmp will need.</summary>
    public void Prepare(int ephemeralStorageMb)
    {
        TmpDisks?.Prepare(ephemeralStorageMb * 1024L * 1024L);
        Networks?.Prepare();
    }

    public static string LauncherPath => Path.Combine(AppContext.BaseDirectory, "Isolation", "launcher.sh");

    internal IEnvironmentCgroup? CreateCgroup(string environmentId, int memoryMb) => _cgroups?.CreateEnvironment(environmentId, memoryMb);

    public EnvironmentSandbox Create(string environmentId, int memoryMb, int ephemeralStorageMb) =>
        new(this, environmentId, memoryMb, ephemeralStorageMb);

    public async ValueTask DisposeAsync()
    {
        if (_cgroups is not null) await _cgroups.DeleteAsync().ConfigureAwait(false);
        TmpDisks?.Dispose();
        Networks?.Dispose();
        EngineWorkspace.Delete(WorkspaceRoot);
        await Watchdog.DisposeAsync().ConfigureAwait(false);
    }
}
