using System.Reflection;
using StreamJsonRpc;

namespace DevTools.Server.Rpc;

/// <summary>Attaches typed handlers to a JSON-RPC connection.</summary>
internal static class HandlerRegistration
{
    public static void AddHandler<TParams, TResult>(this JsonRpc rpc, IRequestHandler<TParams, TResult> handler) where TParams : class, new() =>
        Add(rpc, handler.Method, typeof(TParams) == typeof(NoParams) ? new ParameterlessRequest<TResult>((IRequestHandler<NoParams, TResult>)handler) : new Request<TParams, TResult>(handler));

    public static void AddHandler<TParams>(this JsonRpc rpc, INotificationHandler<TParams> handler) where TParams : class, new() =>
        Add(rpc, handler.Method, typeof(TParams) == typeof(NoParams) ? new ParameterlessNotification((INotificationHandler<NoParams>)handler) : new Notification<TParams>(handler));

    private static void Add(JsonRpc rpc, string method, object adapter) =>
        rpc.AddLocalRpcMethod(adapter.GetType().GetMethod("HandleAsync", BindingFlags.Public | BindingFlags.Instance)!, adapter,
            new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = adapter is not (IParameterless) });

    /// <summary>Methods that take no params accept none, <c>[]</c> and <c>{}</c> alike (clients send all three).</summary>
    private interface IParameterless;

    // The one method StreamJsonRpc binds: the params object, optional so that a request without params is valid.
    private sealed class Request<TParams, TResult>(IRequestHandler<TParams, TResult> handler) where TParams : class, new()
    {
        public Task<TResult> HandleAsync(TParams? parameters = null, CancellationToken cancellationToken = default) =>
            handler.HandleAsync(parameters ?? new TParams(), cancellationToken);
    }

    private sealed class Notification<TParams>(INotificationHandler<TParams> handler) where TParams : class, new()
    {
        public Task HandleAsync(TParams? parameters = null) => handler.HandleAsync(parameters ?? new TParams());
    }

    private sealed class ParameterlessRequest<TResult>(IRequestHandler<NoParams, TResult> handler) : IParameterless
    {
        public Task<TResult> HandleAsync(CancellationToken cancellationToken = default) => handler.HandleAsync(new NoParams(), cancellationToken);
    }

    private sealed class ParameterlessNotification(INotificationHandler<NoParams> handler) : IParameterless
    {
        public Task HandleAsync() => handler.HandleAsync(new NoParams());
    }
}
