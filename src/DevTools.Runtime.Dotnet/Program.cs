using System.Globalization;
using System.Net.Sockets;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// Lambda DevTools' runtime client for the dotnet8 and dotnet10 runtimes. Started by the engine as
/// <c>dotnet exec --runtimeconfig &lt;the function's&gt; DevTools.Runtime.Dotnet.dll</c> in the function's code folder, it
/// talks to the Runtime API at $AWS_LAMBDA_RUNTIME_API as AWS's RuntimeSupport does: init (logging, the handler
/// $_HANDLER bound from $LAMBDA_TASK_ROOT), then GET /next, run the handler, POST the result or the error, forever.
/// </summary>
/// <remarks>
/// An init failure is logged, posted to /init/error and the process exits with 1. An exception the handler throws is
/// that invoke's error. An unhandled exception on another thread ends the process, as it does on Lambda (the engine
/// reports <c>Runtime.ExitError</c>).
/// </remarks>
internal static class Program
{
    private const int InitFailureExitCode = 1;

    private static int Main()
    {
        LogWriter.Install();
        StaticLoggerBridge.Install();
        var api = new RuntimeApiClient(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? "");
        ApplyMemoryLimit();

        FunctionHandler handler;
        try
        {
            var taskRoot = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();
            handler = FunctionHandler.Load(HandlerString.Parse(Environment.GetEnvironmentVariable("_HANDLER")), taskRoot);
        }
        catch (Exception e)
        {
            var error = ErrorBody.Unwrap(e);
            LogWriter.FlushAll();
            LambdaLog.Write(LambdaLog.Error, "", error);
            try { api.PostInitError(ErrorBody.From(error)); }
            catch (Exception post) when (post is IOException or SocketException) { FailFast($"posting the init error failed: {post.Message}"); }
            Environment.Exit(InitFailureExitCode); // even if the function's init started threads of its own
            return InitFailureExitCode;
        }

        while (true) Invoke(api, handler);
    }

    private static void Invoke(RuntimeApiClient api, FunctionHandler handler)
    {
        RuntimeApiResponse next;
        try { next = api.Next(); }
        catch (Exception e) when (e is IOException or SocketException) { FailFast($"invocation/next failed: {e.Message}"); return; }

        var invocation = InvocationData.From(next);
        LambdaLog.RequestId = invocation.RequestId;
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId); // null removes it

        byte[]? response = null;
        Exception? failure = null;
        try { response = handler.Invoke(next.Body, invocation); }
        catch (Exception e) { failure = ErrorBody.Unwrap(e); }
        LogWriter.FlushAll(); // the invoke's output comes before its answer

        try
        {
            int status;
            if (failure is null) status = api.PostResponse(invocation.RequestId, response);
            else
            {
                LambdaLog.Write(LambdaLog.Error, "", failure);
                status = api.PostError(invocation.RequestId, failure.GetType().Name, ErrorBody.From(failure));
            }
            // Any other status (413 for an oversized response, say) ends this invoke: wait for the next.
            if (status >= 500) FailFast($"posting the result for {invocation.RequestId} was answered {status}");
        }
        catch (Exception e) when (e is IOException or SocketException) { FailFast($"the Runtime API connection failed: {e.Message}"); }
    }

    /// <summary>
    /// The function's memory size as the GC's hard limit, as AWS's runtime sets it (unless a lower one is set, or
    /// AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK=true).
    /// </summary>
    private static void ApplyMemoryLimit()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK"), "true", StringComparison.OrdinalIgnoreCase)) return;
        if (!long.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), CultureInfo.InvariantCulture, out var mb) || mb <= 0) return;
        var limit = (ulong)mb * 1024 * 1024;
        var current = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (current > 0 && (ulong)current <= limit) return;
        AppContext.SetData("GCHeapHardLimit", limit);
        GC.RefreshMemoryLimit();
    }

    /// <summary>The Runtime API is unusable: exit, as Lambda expects of a runtime.</summary>
    private static void FailFast(string reason)
    {
        LogWriter.FlushAll();
        using var stderr = new StreamWriter(Console.OpenStandardError());
        stderr.WriteLine($"Lambda runtime: {reason}, exiting");
        stderr.Flush();
        Environment.Exit(1);
    }
}
