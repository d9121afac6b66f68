namespace DevTools.Engine.Environments;

/// <summary>
/// A caller waiting for an environment to come back. A returning environment is handed straight to the
/// first waiter (already marked busy for it), and the waiter's invoke then runs on the thread that released
/// it, the runtime's own <c>/next</c>: no thread-pool hop, no herd of waiters racing for one environment.
/// </summary>
internal sealed class PoolWaiter() : TaskCompletionSource(TaskCreationOptions.None)
{
    /// <summary>The environment handed over (set under the manager's lock); null when woken only to look again.</summary>
    public ExecutionEnvironment? Handed { get; set; }
}
