namespace DevTools.Engine.Environments;

/// <summary>A snapshot of one environment, for lists in every front end.</summary>
public sealed record EnvironmentInfo(
    string Id,
    string FunctionName,
    string LogicalId,
    EnvironmentState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    int Invocations,
    int MaxMemoryUsedMb,
    long TmpUsedBytes,
    int? Pid,
    string Isolation,
    string TmpMode,
    string RuntimeApiAddress,
    IReadOnlyList<string> Extensions);
