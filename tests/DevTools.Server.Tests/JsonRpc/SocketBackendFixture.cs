using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.JsonRpc;

/// <summary>One real <c>devtools serve</c> on its workspace socket, shared by a test class.</summary>
public sealed class SocketBackendFixture : IAsyncLifetime
{
    public BackendWorkspace Workspace { get; } = new();
    public BackendProcess Backend { get; private set; } = null!;
    public string SocketPath => Backend.SocketPath!;

    public async Task InitializeAsync() => Backend = await BackendProcess.StartAsync(Workspace.TemplatePath, "--idle-timeout", "120");

    public Task<RpcClient> ConnectAsync() => RpcClient.ConnectAsync(SocketPath);

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        Workspace.Dispose();
    }
}
