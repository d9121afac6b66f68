using System.IO.Pipes;
using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>The workspace's named pipe on Windows, open to the current user only.</summary>
internal sealed class NamedPipeListener(WorkspaceEndpoint endpoint) : IConnectionListener
{
    public string Address => endpoint.Address;

    public async Task AcceptAsync(Func<Stream, Task> serve, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var pipe = new NamedPipeServerStream(endpoint.PipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances,
                PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            try { await pipe.WaitForConnectionAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (IOException)
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            _ = serve(pipe);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
