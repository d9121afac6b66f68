using DevTools.Engine.Catalog;

namespace DevTools.Engine.Environments;

/// <summary>One function's environments: the idle ones (most recently used on top) and how many are busy.</summary>
internal sealed class FunctionPool(FunctionConfiguration function)
{
    public FunctionConfiguration Function { get; set; } = function;

    /// <summary>Bumped when the function's code or configuration changes; older environments retire.</summary>
    public int Generation { get; set; }

    /// <summary>Why the generation last changed: the reason busy environments of older generations retire with.</summary>
    public Events.EnvironmentReason RetireReason { get; set; } = Events.EnvironmentReason.CodeChanged;

    /// <summary>Idle environments; the top is the most recently used, which Lambda prefers.</summary>
    public List<ExecutionEnvironment> Idle { get; } = [];

    public HashSet<ExecutionEnvironment> Busy { get; } = [];

    /// <summary>Callers waiting, first come first served, for a busy environment that has already answered to come back.</summary>
    public List<PoolWaiter> Waiters { get; } = [];

    public bool HasReservation => Function.ReservedConcurrentExecutions is not null;
}
