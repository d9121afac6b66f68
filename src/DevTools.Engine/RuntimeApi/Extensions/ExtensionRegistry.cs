using System.Text.Json;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary>
/// The Extensions API state of one environment (<c>/2020-01-01/extension</c>): who registered for which events, who is
/// parked in <c>event/next</c>, and who still holds an event. The environment's phases wait on it: init ends when every
/// extension has called <c>next</c>; an invoke ends (and the environment may freeze) when every extension registered for
/// <c>INVOKE</c> has called <c>next</c> again. Errors are the spec's (RAPID's 403 error types).
/// </summary>
public sealed class ExtensionRegistry
{
    /// <summary>Lambda's limit of extensions per function.</summary>
    public const int MaxExtensions = 10;

    private readonly object _gate = new();
    private readonly Dictionary<string, Extension> _byId = new(StringComparer.Ordinal);
    private bool _registrationClosed;
    private volatile int _count;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Called (outside the lock) when an extension registers: its name and events.</summary>
    public event Action<string, IReadOnlyList<string>>? Registered;

    /// <summary>Called (outside the lock) when an extension reports an init or exit error: its name, the error type and body.</summary>
    public event Action<string, string, bool>? ErrorReported;

    public IReadOnlyList<string> Names { get { lock (_gate) return _byId.Values.Select(e => e.Name).ToList(); } }

    /// <summary>How many extensions are registered (read without the lock: the invoke path asks it every time).</summary>
    public int Count => _count;

    /// <summary><c>POST /extension/register</c>: the new extension's identifier and the response body.</summary>
    public (string Id, byte[] Body) Register(string? name, IReadOnlyList<string> events, bool acceptAccountId, RegistrationInfo info)
    {
        if (string.IsNullOrEmpty(name)) throw Refused("Extension.InvalidExtensionName", "Empty extension name");
        if (events.FirstOrDefault(e => e is not (EventTypes.Invoke or EventTypes.Shutdown)) is { } unknown)
            throw Refused("Extension.InvalidEventType", $"Unknown event type: {unknown}");
        Extension extension;
        lock (_gate)
        {
            if (_registrationClosed) throw Refused("Extension.RegistrationClosed", "Extension registration closed already");
            if (_byId.Values.Any(e => e.Name == name)) throw Refused("Extension.InvalidExtensionState", $"Extension {name} is already registered");
            if (_byId.Count >= MaxExtensions) throw Refused("Extension.TooManyExtensions", $"Extension limit ({MaxExtensions}) reached");
            extension = new Extension(Guid.NewGuid().ToString(), name, events.Distinct().ToList());
            _byId[extension.Id] = extension;
            _count = _byId.Count;
        }
        Registered?.Invoke(name, extension.Events);
        Signal();
        var body = new Dictionary<string, string> { ["functionName"] = info.FunctionName, ["functionVersion"] = info.FunctionVersion, ["handler"] = info.Handler };
        if (acceptAccountId) body["accountId"] = info.AccountId;
        return (extension.Id, JsonSerializer.SerializeToUtf8Bytes(body));
    }

    /// <summary><c>GET /extension/event/next</c>: the next event for this extension (null when the environment resets meanwhile).</summary>
    public Task<byte[]?> NextAsync(string? id)
    {
        TaskCompletionSource<byte[]?> waiter;
        lock (_gate)
        {
            var extension = Find(id);
            extension.Ready = true;
            extension.Holding = false;
            extension.Waiter?.TrySetResult(null);
            if (extension.Pending.TryDequeue(out var queued))
            {
                extension.Holding = true;
                Signal();
                return Task.FromResult<byte[]?>(queued);
            }
            extension.Waiter = waiter = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Signal();
        return waiter.Task;
    }

    /// <summary>The name of a registered extension (the spec's errors for a missing, malformed or unknown identifier).</summary>
    public string NameOf(string? id)
    {
        lock (_gate) return Find(id).Name;
    }

    /// <summary>Whether the init phase is over (subscriptions and registrations are closed then).</summary>
    public bool RegistrationClosed { get { lock (_gate) return _registrationClosed; } }

    /// <summary><c>POST /extension/init/error</c> and <c>/extension/exit/error</c>.</summary>
    public void ReportError(string? id, string? errorType, bool duringInit)
    {
        string name;
        lock (_gate)
        {
            name = Find(id).Name;
            if (string.IsNullOrEmpty(errorType)) throw Refused("Extension.MissingHeader", "Lambda-Extension-Function-Error-Type header is missing");
        }
        ErrorReported?.Invoke(name, errorType, duringInit);
    }

    /// <summary>Init is over: no more registrations (RAPID's rule).</summary>
    public void CloseRegistration()
    {
        lock (_gate) _registrationClosed = true;
    }

    /// <summary>True when every one of <paramref name="expected"/> has registered and every registered extension has called <c>next</c>.</summary>
    public bool AllReady(IReadOnlyCollection<string> expected)
    {
        lock (_gate)
            return expected.All(name => _byId.Values.Any(e => e.Name == name)) && _byId.Values.All(e => e.Ready);
    }

    /// <summary>The names of the extensions registered for an event type.</summary>
    public IReadOnlySet<string> NamesRegisteredFor(string eventType)
    {
        lock (_gate) return _byId.Values.Where(e => e.Events.Contains(eventType)).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when no extension still holds an event (each has called <c>next</c> since it got one).</summary>
    public bool AllIdle
    {
        get { lock (_gate) return _byId.Values.All(e => !e.Holding); }
    }

    /// <summary>Completes at the next change of any extension's state (a registration, a <c>next</c>), to re-check a condition.</summary>
    public Task Changed { get { lock (_gate) return _changed.Task; } }

    /// <summary>Hands an event to every extension registered for its type: at once when parked, else at its next <c>next</c>.</summary>
    /// <returns>How many extensions it went to.</returns>
    public int Deliver(string eventType, byte[] body)
    {
        var handed = new List<TaskCompletionSource<byte[]?>>();
        var count = 0;
        lock (_gate)
        {
            foreach (var extension in _byId.Values.Where(e => e.Events.Contains(eventType)))
            {
                count++;
                extension.Holding = true;
                if (extension.Waiter is { } waiter)
                {
                    extension.Waiter = null;
                    handed.Add(waiter);
                }
                else extension.Pending.Enqueue(body);
            }
        }
        foreach (var waiter in handed) waiter.TrySetResult(body);
        return count;
    }

    /// <summary>The environment's processes are gone: forget every extension and release every parked <c>next</c>.</summary>
    public void Reset()
    {
        List<Extension> all;
        lock (_gate)
        {
            all = [.. _byId.Values];
            _byId.Clear();
            _count = 0;
            _registrationClosed = false;
        }
        foreach (var extension in all) extension.Waiter?.TrySetResult(null);
        Signal();
    }

    private Extension Find(string? id)
    {
        if (string.IsNullOrEmpty(id)) throw Refused("Extension.MissingExtensionIdentifier", "Missing Lambda-Extension-Identifier header");
        if (!Guid.TryParse(id, out _)) throw Refused("Extension.InvalidExtensionIdentifier", "Invalid Lambda-Extension-Identifier");
        return _byId.GetValueOrDefault(id) ?? throw Refused("Extension.UnknownExtensionIdentifier", "Unknown extension " + id);
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate) (previous, _changed) = (_changed, NewSignal());
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static RuntimeApiException Refused(string errorType, string message) => new(403, errorType, message);

    private sealed class Extension(string id, string name, IReadOnlyList<string> events)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public IReadOnlyList<string> Events { get; } = events;
        public Queue<byte[]> Pending { get; } = new();
        public TaskCompletionSource<byte[]?>? Waiter { get; set; }
        /// <summary>Has called <c>next</c> at least once: its init is done.</summary>
        public bool Ready { get; set; }
        /// <summary>Has an event it has not finished with (no <c>next</c> since).</summary>
        public bool Holding { get; set; }
    }
}

/// <summary>What the register response tells an extension about its function.</summary>
public sealed record RegistrationInfo(string FunctionName, string FunctionVersion, string Handler, string AccountId);

/// <summary>The event types of the Extensions API.</summary>
public static class EventTypes
{
    public const string Invoke = "INVOKE";
    public const string Shutdown = "SHUTDOWN";
}
