using DevTools.Engine;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Tests.Shared;

/// <summary>A real engine over test functions, recording every lifecycle event it raises.</summary>
public sealed class TestEngine : IAsyncDisposable
{
    private readonly IDisposable _subscription;

    public TestEngine(FunctionCatalog catalog, EngineOptions? options = null)
    {
        Engine = new LambdaEngine(catalog, options ?? new EngineOptions { WatchCode = false });
        _subscription = Engine.Events.Subscribe(e => Events.Enqueue(e));
    }

    public TestEngine(params FunctionConfiguration[] functions) : this(TestFunctions.Catalog(functions)) { }

    public LambdaEngine Engine { get; }
    public ConcurrentQueue<LifecycleEvent> Events { get; } = new();

    public Task<InvokeResult> InvokeAsync(string function, object? payload = null, bool waitForReport = true, InvocationType type = InvocationType.RequestResponse, bool tail = false) =>
        Engine.InvokeAsync(new InvokeRequest
        {
            FunctionName = function,
            Payload = payload is null ? default : JsonSerializer.SerializeToUtf8Bytes(payload),
            WaitForReport = waitForReport,
            InvocationType = type,
            LogTail = tail,
        });

    public IEnumerable<T> Of<T>() where T : LifecycleEvent => Events.OfType<T>();

    public IEnumerable<string> TextLines() => Events.Select(LambdaTextFormatter.Format).OfType<string>();

    /// <summary>Waits until an event matching the predicate has been raised.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) where T : LifecycleEvent
    {
        var match = await Poll.UntilAsync(() => Events.OfType<T>().FirstOrDefault(e => predicate?.Invoke(e) ?? true), timeout ?? TimeSpan.FromSeconds(10));
        return match ?? throw new TimeoutException($"No {typeof(T).Name} event arrived. Events:\n{string.Join('\n', TextLines())}");
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        _subscription.Dispose();
    }
}

public static class ResultExtensions
{
    public static JsonElement Json(this InvokeResult result) => JsonDocument.Parse(result.Payload).RootElement;

    public static string Text(this InvokeResult result) => Encoding.UTF8.GetString(result.Payload.Span);
}
