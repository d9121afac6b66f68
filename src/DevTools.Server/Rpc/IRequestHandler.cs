namespace DevTools.Server.Rpc;

/// <summary>
/// The handler of one protocol request (one per method, as PowerShell Editor Services declares them): its params and
/// result types, from <c>src/DevTools.Protocol</c>, are the contract. The params arrive as one object; a request sent
/// without params gets a new <typeparamref name="TParams"/> (every property at its default).
/// </summary>
internal interface IRequestHandler<TParams, TResult> where TParams : class, new()
{
    /// <summary>The JSON-RPC method it answers.</summary>
    string Method { get; }

    Task<TResult> HandleAsync(TParams parameters, CancellationToken cancellationToken);
}

/// <summary>The handler of one protocol notification (no answer).</summary>
internal interface INotificationHandler<TParams> where TParams : class, new()
{
    string Method { get; }

    Task HandleAsync(TParams parameters);
}

/// <summary>The params of a method that takes none.</summary>
internal sealed class NoParams;
