namespace DevTools.Protocol;

/// <summary>The params of <c>lambda/environments/list</c>.</summary>
public sealed class EnvironmentListParams
{
    /// <summary>Only this function's environments (logical id or function name); all when null.</summary>
    public string? FunctionName { get; set; }
}

public sealed class EnvironmentListResult
{
    public List<EnvironmentDescription> Environments { get; set; } = [];
}

/// <summary>One execution environment right now.</summary>
public sealed class EnvironmentDescription
{
    public string Id { get; set; } = "";
    public string FunctionName { get; set; } = "";
    public string LogicalId { get; set; } = "";

    /// <summary><c>initializing</c>, <c>busy</c>, <c>frozen</c> or <c>idle</c>; see <see cref="EnvironmentStates"/>.</summary>
    public string State { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastUsedAt { get; set; }
    public int Invocations { get; set; }
    public int MaxMemoryUsedMb { get; set; }
    public long TmpUsedBytes { get; set; }

    /// <summary>The runtime process; null between a reset and the next invoke.</summary>
    public int? Pid { get; set; }

    public string Isolation { get; set; } = "";

    /// <summary>What the environment's /tmp is: <c>private-disk</c> (its own ext4 disk), <c>private-mount</c> (a tmpfs, counted as memory) or <c>directory</c> (a TMPDIR, not capped).</summary>
    public string TmpMode { get; set; } = "";

    /// <summary>The extensions registered in it (layers' <c>extensions/</c> executables, and internal ones of the runtime).</summary>
    public List<string> Extensions { get; set; } = [];
}

public static class EnvironmentStates
{
    public const string Initializing = "initializing";
    public const string Busy = "busy";
    public const string Frozen = "frozen";
    public const string Idle = "idle";
}

/// <summary>The params of <c>lambda/environments/stop</c>: one environment, one function's, or (both null) all.</summary>
public sealed class EnvironmentStopParams
{
    public string? FunctionName { get; set; }

    /// <summary>An environment id or a prefix of one (as the text rendering shortens them).</summary>
    public string? EnvironmentId { get; set; }
}

public sealed class EnvironmentStopResult
{
    /// <summary>How many environments were stopped (busy ones stop when their invoke ends).</summary>
    public int Stopped { get; set; }
}
