namespace DevTools.PowerShell;

/// <summary>One execution environment ("container") of the workspace's backend, as Get-Container shows it.</summary>
public sealed class LocalContainer
{
    public string Id { get; init; } = "";
    public string FunctionName { get; init; } = "";
    public string LogicalId { get; init; } = "";

    /// <summary><c>initializing</c>, <c>busy</c>, <c>frozen</c> or <c>idle</c>.</summary>
    public string State { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUsedAt { get; init; }
    public int Invocations { get; init; }

    /// <summary>How long it has waited since its last invoke; null while it initialises or runs one.</summary>
    public TimeSpan? IdleFor { get; init; }

    /// <summary>The peak resident memory of its process tree.</summary>
    public int MaxMemoryUsedMB { get; init; }

    public long TmpUsedBytes { get; init; }

    /// <summary>The runtime process; null between a reset and the next invoke.</summary>
    public int? Pid { get; init; }

    public string Isolation { get; init; } = "";

    /// <summary>What its /tmp is: <c>private-disk</c> (its own ext4 disk of EphemeralStorage's size), <c>private-mount</c> (a tmpfs capped at that size, counted as memory) or <c>directory</c> (a private TMPDIR, size not enforced).</summary>
    public string TmpMode { get; init; } = "";

    /// <summary>The extensions registered in it.</summary>
    public string[] Extensions { get; init; } = [];

    /// <summary>The template whose backend owns it (so Stop-Container from the pipeline reaches the same backend).</summary>
    public string TemplatePath { get; init; } = "";

    public override string ToString() => Id;
}
