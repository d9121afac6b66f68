using System.CommandLine;
using DevTools.Cli.Rendering;
using DevTools.Engine;

namespace DevTools.Cli.Commands;

/// <summary>
/// What <c>start-lambda</c> and <c>start-api</c> share: an engine from the flags, its lifecycle records on stderr, a
/// server started on it (a bad host or a taken port is a usage error), described, then served until Ctrl+C.
/// </summary>
internal static class ServerRun
{
    public static async Task<int> RunAsync<TServer>(EngineSetup setup, ParseResult parse, Func<LambdaEngine, Task<TServer>> start,
        Action<LambdaEngine, TServer> describe, CancellationToken cancellationToken) where TServer : IAsyncDisposable
    {
        if (setup.TryStart(parse) is not { } engine) return 2;
        await using var _ = engine;
        // Buffered (the writer flushes once per batch of records), unlike Console.Error, which writes every line at once.
        await using var log = new StreamWriter(Console.OpenStandardError());
        await using var writer = new LifecycleWriter(engine.Events, log, setup.Template.Json(parse));
        TServer server;
        try { server = await start(engine); }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine("Error: " + e.Message);
            return 2;
        }
        await using (server)
        {
            describe(engine, server);
            try { await Task.Delay(Timeout.Infinite, cancellationToken); }
            catch (OperationCanceledException) { }
        }
        await engine.DisposeAsync();
        return 0;
    }
}
