using System.Text.Json;
using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc;
using DevTools.Server.Rpc.Engine;

namespace DevTools.Server.Lsp.Lifecycle;

/// <summary>LSP's <c>initialize</c> for one connection: what this server offers the editor.</summary>
internal sealed class InitializeHandler(BackendContext context, ClientSession session) : IRequestHandler<InitializeParams, InitializeResult>
{
    public string Method => LspMethods.Initialize;

    public Task<InitializeResult> HandleAsync(InitializeParams parameters, CancellationToken cancellationToken)
    {
        if (SupportsCodeLensRefresh(parameters.Capabilities)) session.EnableCodeLensRefresh();
        context.Log.Write($"[{session.Name}] LSP client: {parameters.ClientInfo?.Name ?? "unnamed"} {parameters.ClientInfo?.Version}");
        return Task.FromResult(new InitializeResult
        {
            Capabilities = new ServerCapabilities
            {
                TextDocumentSync = new TextDocumentSyncOptions { OpenClose = true, Change = TextDocumentSyncKind.Full },
                CodeLensProvider = new CodeLensOptions { ResolveProvider = false },
                ExecuteCommandProvider = new ExecuteCommandOptions { Commands = [.. LspCommands.All] },
            },
            ServerInfo = new ServerInfo { Name = "lambda-devtools", Version = EngineInfoHandler.Version },
        });
    }

    private static bool SupportsCodeLensRefresh(JsonElement capabilities) =>
        capabilities.ValueKind == JsonValueKind.Object
        && capabilities.TryGetProperty("workspace", out var workspace) && workspace.ValueKind == JsonValueKind.Object
        && workspace.TryGetProperty("codeLens", out var codeLens) && codeLens.ValueKind == JsonValueKind.Object
        && codeLens.TryGetProperty("refreshSupport", out var refresh) && refresh.ValueKind == JsonValueKind.True;
}
