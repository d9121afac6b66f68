using System.Collections.Concurrent;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;

namespace DevTools.Benchmarks;

/// <summary>The functions every scenario measures (Functions/template.yaml), and the two ways to run them.</summary>
internal static class BenchmarkFunctions
{
    public static string FunctionsDirectory => Path.Combine(AppContext.BaseDirectory, "Functions");

    public static readonly byte[] EmptyEvent = "{}"u8.ToArray();

    /// <summary>`devtools start-lambda` over the template, as its own process (as a user runs it), once it listens.</summary>
    public static async Task<ServerProcess> StartLambdaAsync(string cliDll, int port, IEnumerable<string> arguments)
    {
        var server = ServerProcess.Start("dotnet", [cliDll, "start-lambda", "-t", "template.yaml", "-p", port.ToString(), .. arguments], FunctionsDirectory);
        try
        {
            await server.WaitForPortAsync("127.0.0.1", port, TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An engine in this process, for figures read from its own checkpoints; it records freezes and thaws.</summary>
    public static LambdaEngine NewEngine(out ConcurrentQueue<LifecycleEvent> events, bool sharedNetwork = false)
    {
        var catalog = TemplateLoader.Load(Path.Combine(FunctionsDirectory, "template.yaml"), new TemplateOptions());
        var engine = new LambdaEngine(catalog, new EngineOptions { WatchCode = false, SharedNetwork = sharedNetwork });
        var queue = new ConcurrentQueue<LifecycleEvent>();
        engine.Events.Subscribe(e => { if (e is EnvironmentThawed or EnvironmentFrozen) queue.Enqueue(e); });
        events = queue;
        return engine;
    }
}
