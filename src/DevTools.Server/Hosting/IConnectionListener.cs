namespace DevTools.Server.Hosting;

/// <summary>Accepts client connections on one local transport and hands each one over as a duplex stream.</summary>
internal interface IConnectionListener : IAsyncDisposable
{
    /// <summary>What clients connect to, e.g. <c>unix:/run/user/1000/lambda-devtools/0123abcd.sock</c>.</summary>
    string Address { get; }

    /// <summary>Accepts until cancelled; each connection is served on its own task.</summary>
    Task AcceptAsync(Func<Stream, Task> serve, CancellationToken cancellationToken);
}
