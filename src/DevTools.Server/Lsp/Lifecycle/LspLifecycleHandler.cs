using System.Text.Json;
using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc.Engine;
using StreamJsonRpc;

namespace DevTools.Server.Lsp.Lifecycle;

/// <summary>
/// LSP's <c>initialize</c> / <c>initialized</c> / <c>shutdown</c> / <c>exit</c> for one connection. The backend is
/// shared, so <c>shutdown</c> and <c>exit</c> end this editor's connection, not the backend (which exits
/// when idle, or on <c>lambda/shutdown</c>); a stdio backend lives as long as its one connection.
/// </summary>
internal sealed class LspLifecycleHandler(BackendContext context, ClientSession session)
{
    [JsonRpcMethod(LspMethods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        if (SupportsCodeLensRefresh(parameters.Capabilities)) session.EnableCodeLensRefresh();
        context.Log.Write($"[{session.Name}] LSP client: {parameters.ClientInfo?.Name ?? "unnamed"} {parameters.ClientInfo?.Version}");
        return new InitializeResult
        {
            Capabilities = new ServerCapabilities
            {
                TextDocumentSync = new TextDocumentSyncOptions { OpenClose = true, Change = TextDocumentSyncKind.Full },
                CodeLensProvider = new CodeLensOptions { ResolveProvider = false },
                ExecuteCommandProvider = new ExecuteCommandOptions { Commands = [.. LspCommands.All] },
            },
            ServerInfo = new ServerInfo { Name = "lambda-devtools", Version = EngineHandler.Version },
        };
    }

    [JsonRpcMethod(LspMethods.Initialized)]
    public void Initialized() { }

    [JsonRpcMethod(LspMethods.Shutdown)]
    public object? Shutdown() => null;

    [JsonRpcMethod(LspMethods.Exit)]
    public void Exit() => session.Close();

    private static bool SupportsCodeLensRefresh(JsonElement capabilities) =>
        capabilities.ValueKind == JsonValueKind.Object
        && capabilities.TryGetProperty("workspace", out var workspace) && workspace.ValueKind == JsonValueKind.Object
        && workspace.TryGetProperty("codeLens", out var codeLens) && codeLens.ValueKind == JsonValueKind.Object
        && codeLens.TryGetProperty("refreshSupport", out var refresh) && refresh.ValueKind == JsonValueKind.True;
}
