using DevTools.Engine.Events;

namespace DevTools.Engine.Environments;

/// <summary>
/// An environment's state, moved only along the rows of <see cref="Moves"/>: every other move is refused (a bug, so
/// it throws), except that once the environment is stopping, work still in flight finds it gone and its moves are
/// ignored. A move and the event that announces it happen under one lock, so every observer sees them in one order.
/// </summary>
internal sealed class EnvironmentLifecycle(Action<LifecycleEvent> publish)
{
    /// <summary>The allowed moves: from a state, the states it may go to.</summary>
    public static readonly IReadOnlyDictionary<EnvironmentState, EnvironmentState[]> Moves = new Dictionary<EnvironmentState, EnvironmentState[]>
    {
        // A failed init resets to Idle (no process); the next invoke inits again.
        [EnvironmentState.Initializing] = [EnvironmentState.Busy, EnvironmentState.Idle, EnvironmentState.Stopping],
        // Back at /next, or reset after a timeout or crash.
        [EnvironmentState.Busy] = [EnvironmentState.Idle, EnvironmentState.Stopping],
        // Frozen after the freeze delay; an invoke within the delay finds it running; a reset one inits again.
        [EnvironmentState.Idle] = [EnvironmentState.Frozen, EnvironmentState.Busy, EnvironmentState.Initializing, EnvironmentState.Stopping],
        [EnvironmentState.Frozen] = [EnvironmentState.Busy, EnvironmentState.Stopping],
        [EnvironmentState.Stopping] = [EnvironmentState.Stopped],
        [EnvironmentState.Stopped] = [],
    };

    private readonly object _gate = new();
    private volatile EnvironmentState _state = EnvironmentState.Initializing;

    public EnvironmentState State => _state;

    /// <summary>Stopping or stopped: it serves nothing more.</summary>
    public bool HasEnded => _state >= EnvironmentState.Stopping;

    public static bool IsAllowed(EnvironmentState from, EnvironmentState to) => Moves[from].Contains(to);

    /// <summary>Moves to <paramref name="to"/> and publishes <paramref name="announcement"/>; false when the environment has ended.</summary>
    /// <exception cref="InvalidOperationException">The table has no such move.</exception>
    public bool MoveTo(EnvironmentState to, LifecycleEvent? announcement = null)
    {
        lock (_gate)
        {
            var from = _state;
            if (!IsAllowed(from, to))
            {
                if (from >= EnvironmentState.Stopping) return false;
                throw new InvalidOperationException($"An environment cannot go from {from} to {to}.");
            }
            _state = to;
            if (announcement is not null) publish(announcement);
            return true;
        }
    }

    /// <summary>Moves only when the state is still <paramref name="from"/> (a timer racing an invoke); false otherwise.</summary>
    public bool MoveIfStill(EnvironmentState from, EnvironmentState to, LifecycleEvent? announcement = null)
    {
        lock (_gate) return _state == from && MoveTo(to, announcement);
    }
}
