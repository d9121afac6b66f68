namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// The Runtime API state machine of one runtime process: which transitions are allowed, which
/// invoke is current, and the hand-off of events to a runtime parked in <c>/next</c>.
/// </summary>
public sealed class RuntimeSession
{
    private readonly object _gate = new();
    private readonly IRuntimeSessionObserver _observer;
    private RuntimeState _state = RuntimeState.Started;
    private RuntimeInvocation? _current;
    private RuntimeInvocation? _queued;
    private TaskCompletionSource<RuntimeInvocation?>? _waiter;

    public RuntimeSession(IRuntimeSessionObserver observer) => _observer = observer;

    public RuntimeState State { get { lock (_gate) return _state; } }

    /// <summary>Starts over for a new runtime process (after a reset): back to Started, nothing current.</summary>
    public void Reset()
    {
        TaskCompletionSource<RuntimeInvocation?>? waiter;
        lock (_gate)
        {
            _state = RuntimeState.Started;
            _current = null;
            _queued = null;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult(null);
    }

    /// <summary>Hands an event to the runtime: at once when it is parked in <c>/next</c>, else at its next <c>/next</c>.</summary>
    public void Deliver(RuntimeInvocation invocation)
    {
        TaskCompletionSource<RuntimeInvocation?>? waiter = null;
        lock (_gate)
        {
            if (_state == RuntimeState.Ready && _waiter is not null)
            {
                waiter = _waiter;
                _waiter = null;
                _current = invocation;
                _state = RuntimeState.Running;
            }
            else
            {
                _queued = invocation;
            }
        }
        waiter?.TrySetResult(invocation);
    }

    /// <summary>
    /// <c>GET /next</c>. Returns the event to serve, or null when the session was reset meanwhile.
    /// Throws <see cref="RuntimeApiException"/> for a refused transition.
    /// </summary>
    public ValueTask<RuntimeInvocation?> NextAsync()
    {
        RuntimeInvocation? done = null;
        var firstNext = false;
        TaskCompletionSource<RuntimeInvocation?>? replaced = null;
        ValueTask<RuntimeInvocation?> result;
        lock (_gate)
        {
            switch (_state)
            {
                case RuntimeState.Running:
                    // RAPID serves the same event again when a runtime repeats /next mid-invoke.
                    return ValueTask.FromResult(_current);
                case RuntimeState.InitError:
                    throw RuntimeApiException.InvalidTransition(_state, "Ready");
                case RuntimeState.Started:
                    firstNext = true;
                    break;
                case RuntimeState.ResponseSent:
                    done = _current;
                    _current = null;
                    break;
            }
            _state = RuntimeState.Ready;
            if (_queued is not null)
            {
                _current = _queued;
                _queued = null;
                _state = RuntimeState.Running;
                result = ValueTask.FromResult<RuntimeInvocation?>(_current);
            }
            else
            {
                replaced = _waiter;
                // Synchronous continuation: the invoker's thread writes the event to the runtime's socket itself.
                _waiter = new TaskCompletionSource<RuntimeInvocation?>();
                result = new ValueTask<RuntimeInvocation?>(_waiter.Task);
            }
        }
        replaced?.TrySetResult(null);
        if (firstNext) _observer.OnInitDone();
        if (done is not null) _observer.OnRuntimeDone(done);
        return result;
    }

    /// <summary>
    /// <c>POST /invocation/{id}/response</c>, accepted: checks and records the transition (throws
    /// <see cref="RuntimeApiException"/> when refused). The returned action hands the answer to the invoke.
    /// </summary>
    public Action AcceptResponse(string requestId, byte[] body, string? contentType)
    {
        var invocation = BeginAnswer(requestId, "InvocationResponse");
        return () => _observer.OnResponse(invocation, body, contentType);
    }

    /// <summary>A response over the size limit still answers the invoke, with an error for the caller.</summary>
    public void RespondTooLarge(string requestId, long size)
    {
        var invocation = BeginAnswer(requestId, "InvocationResponse");
        _observer.OnResponseTooLarge(invocation, size);
    }

    /// <summary><c>POST /invocation/{id}/error</c>, accepted: like <see cref="AcceptResponse"/>, for a failed invoke.</summary>
    public Action AcceptError(string requestId, string errorType, byte[] body)
    {
        var invocation = BeginAnswer(requestId, "InvocationErrorResponse");
        return () => _observer.OnError(invocation, errorType, body);
    }

    /// <summary><c>POST /init/error</c>: allowed only before the first <c>/next</c>.</summary>
    public void InitError(string errorType, byte[] body)
    {
        lock (_gate)
        {
            if (_state != RuntimeState.Started)
                throw RuntimeApiException.InvalidTransition(_state, "InitError");
            _state = RuntimeState.InitError;
        }
        _observer.OnInitError(errorType, body);
    }

    /// <summary>Checks the request id (before any state change, as RAPID does), then the transition.</summary>
    private RuntimeInvocation BeginAnswer(string requestId, string target)
    {
        var answeredAt = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_current is null || _current.RequestId != requestId)
                throw RuntimeApiException.InvalidRequestId();
            if (_state != RuntimeState.Running)
                throw RuntimeApiException.InvalidTransition(_state, target);
            _state = RuntimeState.ResponseSent;
            _current.Timestamps.Answered = answeredAt;
            return _current;
        }
    }
}
