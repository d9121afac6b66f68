using System.Runtime.InteropServices;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Handlers;

public class Request
{
    public string Name { get; set; }
    public int Milliseconds { get; set; }
    public string Content { get; set; }
}

/// <summary>Test handlers for the dotnet8/dotnet10 runtimes (one instance per environment, as Lambda makes it).</summary>
public class Function
{
    private static readonly DateTime LoadedAt = DateTime.UtcNow;
    private static int _instances;
    private int _invocations;

    public Function() => Interlocked.Increment(ref _instances);

    /// <summary>The event back, with what proves warm reuse: one instance, its invoke count, the .NET that runs it.</summary>
    public Dictionary<string, object> Echo(Request request, ILambdaContext context) => new()
    {
        ["name"] = request.Name,
        ["instances"] = _instances,
        ["invocations"] = ++_invocations,
        ["loadedAt"] = LoadedAt.Ticks,
        ["framework"] = RuntimeInformation.FrameworkDescription,
        ["version"] = Environment.Version.ToString(),
        ["requestId"] = context.AwsRequestId,
    };

    public Dictionary<string, object> Context(ILambdaContext context) => new()
    {
        ["awsRequestId"] = context.AwsRequestId,
        ["functionName"] = context.FunctionName,
        ["functionVersion"] = context.FunctionVersion,
        ["invokedFunctionArn"] = context.InvokedFunctionArn,
        ["memoryLimitInMB"] = context.MemoryLimitInMB,
        ["remainingMs"] = context.RemainingTime.TotalMilliseconds,
        ["logGroupName"] = context.LogGroupName,
        ["logStreamName"] = context.LogStreamName,
        ["traceId"] = context.TraceId,
        ["envTraceId"] = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
        ["identity"] = context.Identity?.IdentityId,
        ["clientInstallationId"] = context.ClientContext?.Client?.InstallationId,
        ["clientCustom"] = context.ClientContext?.Custom?.TryGetValue("tier", out var tier) == true ? tier : null,
        ["serializer"] = context.Serializer?.GetType().FullName,
        ["loggerType"] = context.Logger is ILambdaLogger ? "ILambdaLogger" : null,
    };

    public async Task<string> Logs(ILambdaContext context)
    {
        Console.WriteLine("console line");
        context.Logger.LogLine("logger line");
        context.Logger.LogWarning("logger warning");
        context.Logger.LogInformation("hello {name} from {place}", "dotnet", "a template");
        LambdaLogger.Log("static logger line");
        await Task.Yield();
        Console.Error.WriteLine("stderr line");
        return "logged";
    }

    public void Throws() => throw new InvalidOperationException("something broke", new ArgumentException("the inner cause"));

    public async Task ThrowsAsync()
    {
        await Task.Delay(1);
        throw new TimeoutException("async failure");
    }

    public Task NoResult() => Task.CompletedTask;

    public void Nothing(Request request) { }

    public void Sleep(Request request) => Thread.Sleep(request.Milliseconds);

    public Dictionary<string, string> Tmp(Request request)
    {
        var path = Path.Combine(Path.GetTempPath(), "dotnet-test.txt");
        if (request.Content is not null) File.WriteAllText(path, request.Content);
        return new() { ["content"] = File.Exists(path) ? File.ReadAllText(path) : null, ["tmp"] = Path.GetTempPath() };
    }

    /// <summary>A thread that dies of an unhandled exception during the invoke: the process ends, as on Lambda.</summary>
    public string CrashInBackground()
    {
        new Thread(() => throw new InvalidOperationException("background failure")).Start();
        Thread.Sleep(3000);
        return "survived";
    }

    public string Overloaded(string input) => input;
    public string Overloaded(Stream input) => "stream";

    public string TooMany(string a, ILambdaContext context, int b) => a;

    public string SecondNotContext(string a, string b) => a;
}

/// <summary>A background task started at init ticks every 50 ms: it must not advance while the environment is frozen.</summary>
public static class Ticker
{
    private static int _ticks;
    private static int _lastSeen;
    private static readonly Task Loop = Run();

    private static async Task Run()
    {
        while (true)
        {
            await Task.Delay(50);
            Interlocked.Increment(ref _ticks);
        }
    }

    public static Dictionary<string, int> SinceLast()
    {
        var now = Volatile.Read(ref _ticks);
        var since = now - _lastSeen;
        _lastSeen = now;
        return new() { ["sinceLast"] = since, ["running"] = Loop.IsCompleted ? 0 : 1 };
    }
}

/// <summary>A static constructor that fails: an init error.</summary>
public static class BrokenInit
{
    static BrokenInit() => throw new InvalidDataException("no configuration");

    public static string Handler(Stream input) => "unreachable";
}
