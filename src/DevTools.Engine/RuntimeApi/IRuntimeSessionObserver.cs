namespace DevTools.Engine.RuntimeApi;

/// <summary>What the environment learns from its runtime through the Runtime API.</summary>
public interface IRuntimeSessionObserver
{
    /// <summary>The runtime called <c>/next</c> for the first time: init is done.</summary>
    void OnInitDone();

    /// <summary>The runtime posted <c>/init/error</c>.</summary>
    void OnInitError(string errorType, byte[] body);

    /// <summary>The runtime posted the invoke's response (already checked against the size limit).</summary>
    void OnResponse(RuntimeInvocation invocation, byte[] body, string? contentType);

    /// <summary>The runtime posted a response larger than Lambda accepts.</summary>
    void OnResponseTooLarge(RuntimeInvocation invocation, long size);

    /// <summary>The runtime posted <c>/error</c> for the invoke.</summary>
    void OnError(RuntimeInvocation invocation, string errorType, byte[] body);

    /// <summary>The runtime came back to <c>/next</c> after answering: the invoke phase is over.</summary>
    void OnRuntimeDone(RuntimeInvocation invocation);
}
