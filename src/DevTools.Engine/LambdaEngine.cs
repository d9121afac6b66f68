using System.Collections.Concurrent;
using System.Security.Cryptography;
using DevTools.Engine.Build;
using DevTools.Engine.Catalog;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.Isolation;
using DevTools.Engine.RuntimeApi;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine;

/// <summary>
/// The engine core: a catalogue of functions, their execution environments and one stream of
/// lifecycle events. Every front end (CLI, JSON-RPC backend, Invoke HTTP API) drives this class.
/// </summary>
public sealed class LambdaEngine : IAsyncDisposable
{
    private readonly Func<FunctionCatalog>? _reload;
    private readonly EnvironmentManager _environments;
    private readonly AsyncInvokeQueue _asyncQueue;
    private readonly CodeWatcher? _watcher;
    private readonly SandboxFactory _sandboxes;
    private readonly EngineContext _context;
    private FunctionCatalog _catalog;

    /// <summary>The engine of a template: its functions, read again whenever the template changes.</summary>
    /// <exception cref="InvalidOperationException">The isolation the options ask for is not available here.</exception>
    public static LambdaEngine Load(string templatePath, TemplateOptions templateOptions, EngineOptions options) =>
        new(TemplateLoader.Load(templatePath, templateOptions), options, () => TemplateLoader.Load(templatePath, templateOptions));

    /// <param name="catalog">The functions to serve.</param>
    /// <param name="reload">Reads the catalogue again (when the template changes); null when it cannot change.</param>
    public LambdaEngine(FunctionCatalog catalog, EngineOptions? options = null, Func<FunctionCatalog>? reload = null)
    {
        Options = options ?? new EngineOptions();
        _catalog = catalog;
        _reload = reload;
        Isolation = IsolationPlan.Choose(DetectedCapabilities.Value, Options.Isolation, Options.SharedNetwork);
        _sandboxes = new SandboxFactory(Isolation, Options.WorkspaceDirectory);
        var context = _context = new EngineContext(Options, Events, _sandboxes);
        FreezesEnvironments = context.Freezes;
        _environments = new EnvironmentManager(context);
        _asyncQueue = new AsyncInvokeQueue(Options, Events, (function, queued) => RunAsync(function, queued.RequestId, queued.Payload, queued.InvokedFunctionArn, null, false, false, CancellationToken.None));
        PrepareSandboxes(catalog);
        if (Options.WatchCode)
        {
            _watcher = new CodeWatcher(OnFilesChanged);
            WatchCatalog();
        }
    }

    public EngineOptions Options { get; }

    /// <summary>The lifecycle event stream.</summary>
    public LifecycleEventHub Events { get; } = new();

    public FunctionCatalog Catalog => Volatile.Read(ref _catalog);

    /// <summary>What this machine allows (probed once per process).</summary>
    public static Lazy<IsolationCapabilities> DetectedCapabilities { get; } = new(IsolationCapabilities.Detect);

    /// <summary>The isolation mechanisms environments run under.</summary>
    public IsolationPlan Isolation { get; }

    /// <summary>Whether idle environments are frozen (not with <see cref="EngineOptions.Freeze"/> off, nor without isolation).</summary>
    public bool FreezesEnvironments { get; }

    /// <summary>Event invokes accepted and not yet finished (retries included).</summary>
    public int PendingAsyncInvokes => _asyncQueue.Pending;

    /// <summary>Invokes a function, as Lambda's Invoke API does. Service-level failures throw <see cref="LambdaServiceException"/>.</summary>
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken = default)
    {
        var accepted = System.Diagnostics.Stopwatch.GetTimestamp();
        var function = FunctionResolver.Resolve(Catalog, request.FunctionName, request.Qualifier, Options);
        EnsureRunnable(function);
        WarnOnceAboutItsBuild(function);
        var payload = PayloadValidator.Validate(request.Payload, request.InvocationType);
        var clientContext = PayloadValidator.ValidateClientContext(request.ClientContext);
        var requestId = Guid.NewGuid().ToString();
        var arn = FunctionResolver.FunctionArn(Options, function.FunctionName, request.Qualifier);

        switch (request.InvocationType)
        {
            case InvocationType.DryRun:
                return new InvokeResult { StatusCode = 204, RequestId = requestId, FunctionName = function.FunctionName };
            case InvocationType.Event:
                _asyncQueue.Enqueue(function, new QueuedInvoke(requestId, payload.ToArray(), arn, DateTimeOffset.UtcNow));
                return new InvokeResult { StatusCode = 202, RequestId = requestId, FunctionName = function.FunctionName };
            default:
                var result = await RunAsync(function, requestId, payload, arn, clientContext, request.WaitForReport, request.LogTail, cancellationToken, accepted).ConfigureAwait(false);
                if (result.Timestamps is { } timestamps) timestamps.Returned = System.Diagnostics.Stopwatch.GetTimestamp();
                return result;
        }
    }

    /// <summary>The SDKs Lambda's runtimes carry, as this engine provides them (the per-machine cache).</summary>
    public RuntimeSdkProvider RuntimeSdks => _context.RuntimeSdks;

    /// <summary>
    /// Installs the declared dependencies of these functions (all when <paramref name="functionNames"/> is empty) into
    /// their build folders, and the runtime SDKs they import, as <c>build.*</c> events show. Functions run with their new
    /// build from the next cold start: environments of a rebuilt function retire. Unknown names throw Lambda's 404.
    /// </summary>
    public async Task<BuildReport> BuildAsync(IReadOnlyList<string>? functionNames, bool force, CancellationToken cancellationToken = default)
    {
        var catalog = Catalog;
        var functions = functionNames is { Count: > 0 }
            ? functionNames.Select(name => FunctionResolver.Resolve(catalog, name, null, Options)).DistinctBy(f => f.LogicalId).ToList()
            : catalog.Functions.ToList();
        var builder = new FunctionBuilder(Options, Events);
        var outcomes = new List<FunctionBuildOutcome>();
        foreach (var function in functions) // one at a time: installs are I/O- and CPU-heavy, and their output reads best in order
            outcomes.Add(await builder.BuildAsync(catalog, function, force, cancellationToken).ConfigureAwait(false));

        var refreshed = BuildOutputs.Refresh(catalog);
        Volatile.Write(ref _catalog, refreshed);
        await _environments.ApplyCatalogAsync(refreshed).ConfigureAwait(false);
        foreach (var built in outcomes.Where(o => o.Status == FunctionBuildOutcome.Built))
        {
            RuntimeSdks.Forget(built.Function.CodeDirectory); // what a cold start prepares (a .NET publish) is looked at again
            await _environments.RetireAsync(built.Function.LogicalId, EnvironmentReason.CodeChanged).ConfigureAwait(false);
        }

        var sdks = new List<RuntimeSdkReport>();
        foreach (var function in functions.Select(f => refreshed.Find(f.LogicalId) ?? f))
            if (await RuntimeSdks.CheckAsync(function).ConfigureAwait(false) is { } report) sdks.Add(report);
        return new BuildReport(outcomes, BuildReport.Merge(sdks));
    }

    public IReadOnlyList<EnvironmentInfo> ListEnvironments() => _environments.List();

    /// <summary>Stops environments (all, one function's, or one by id or id prefix). Returns how many.</summary>
    public Task<int> StopEnvironmentsAsync(string? functionName = null, string? environmentId = null) =>
        _environments.StopAsync(functionName, environmentId);

    /// <summary>Reads the template again; changed functions get fresh environments on their next invoke.</summary>
    public async Task<FunctionCatalog> ReloadAsync()
    {
        if (_reload is null) return Catalog;
        var catalog = _reload();
        Volatile.Write(ref _catalog, catalog);
        PrepareSandboxes(catalog);
        await _environments.ApplyCatalogAsync(catalog).ConfigureAwait(false);
        WatchCatalog();
        return catalog;
    }

    private Task<InvokeResult> RunAsync(FunctionConfiguration function, string requestId, ReadOnlyMemory<byte> payload, string arn,
        string? clientContext, bool waitForReport, bool logTail, CancellationToken cancellationToken, long accepted = 0)
    {
        var invocation = new RuntimeInvocation
        {
            RequestId = requestId,
            Payload = payload,
            InvokedFunctionArn = arn,
            TraceId = NewTraceId(),
            ClientContext = clientContext,
        };
        invocation.Timestamps.Accepted = accepted == 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : accepted;
        return _environments.InvokeAsync(function, invocation, waitForReport, logTail, cancellationToken);
    }

    /// <summary>The catalogue's rule (<see cref="FunctionCatalog.IsRunnable"/>), and when it says no, Lambda's error for why.</summary>
    private void EnsureRunnable(FunctionConfiguration function)
    {
        var catalog = Catalog;
        if (catalog.IsRunnable(function)) return;
        if (function.RuntimeDefinition is not { CanRunLocally: true })
            throw LambdaServiceException.InvalidRuntime(function.Runtime);
        throw LambdaServiceException.InvalidParameter(
            $"Function {function.LogicalId} has template errors: {string.Join("; ", catalog.ErrorsFor(function.LogicalId).Select(e => e.ToString()))}");
    }

    private (FunctionCatalog? Catalog, ConcurrentDictionary<string, bool> Warned) _buildWarnings = (null, new());

    /// <summary>
    /// A function whose declared dependencies were never installed (or changed since its build) is said so in the
    /// lifecycle log, once per function and reading of the template, where a user running it looks.
    /// </summary>
    private void WarnOnceAboutItsBuild(FunctionConfiguration function)
    {
        var catalog = Catalog;
        var state = _buildWarnings;
        if (!ReferenceEquals(state.Catalog, catalog)) _buildWarnings = state = (catalog, new());
        if (!state.Warned.TryAdd(function.LogicalId, true)) return;
        foreach (var warning in catalog.Diagnostics.Where(d => d.FunctionId == function.LogicalId
                     && d.Code is DiagnosticCodes.DependenciesNotInstalled or DiagnosticCodes.BuildOutdated))
            Events.Publish(new EngineWarning { FunctionName = function.FunctionName, Message = warning.Message });
    }

    /// <summary>Readies, in the background, what the functions' environments will need (their /tmp disks' templates).</summary>
    private void PrepareSandboxes(FunctionCatalog catalog)
    {
        foreach (var size in catalog.Functions.Select(f => f.EphemeralStorageMb).Distinct()) _sandboxes.Prepare(size);
    }

    private void WatchCatalog() =>
        _watcher?.Watch(Catalog.Functions.SelectMany(f => f.Layers.Select(l => l.Directory).Prepend(f.CodeDirectory)), _reload is null ? null : Catalog.TemplatePath);

    private void OnFilesChanged(string path)
    {
        if (path == Catalog.TemplatePath)
        {
            _ = ReloadAsync();
            return;
        }
        RuntimeSdks.Forget(path);
        _context.Layers.Forget(path);
        // A layer is part of the function's code, as on Lambda (a new layer version is a new function version).
        foreach (var function in Catalog.Functions.Where(f => f.CodeDirectory == path || f.Layers.Any(l => l.Directory == path)))
            _ = _environments.RetireAsync(function.LogicalId, EnvironmentReason.CodeChanged);
    }

    /// <summary>An X-Ray trace header, as Lambda passes one to every invoke.</summary>
    private static string NewTraceId()
    {
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8");
        return $"Root=1-{epoch}-{Convert.ToHexStringLower(random[..12])};Parent={Convert.ToHexStringLower(random[12..])};Sampled=0";
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _watcher?.Dispose();
        await _asyncQueue.DisposeAsync().ConfigureAwait(false);
        await _environments.DisposeAsync().ConfigureAwait(false);
        await _sandboxes.DisposeAsync().ConfigureAwait(false);
    }
}
