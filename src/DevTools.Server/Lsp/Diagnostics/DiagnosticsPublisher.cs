using DevTools.Protocol.Lsp;
using StreamJsonRpc;

namespace DevTools.Server.Lsp.Diagnostics;

/// <summary>Sends <c>textDocument/publishDiagnostics</c>; a client that has gone is not an error.</summary>
internal static class DiagnosticsPublisher
{
    public static async Task PublishAsync(JsonRpc rpc, PublishDiagnosticsParams diagnostics)
    {
        try { await rpc.NotifyWithParameterObjectAsync(LspMethods.PublishDiagnostics, diagnostics).ConfigureAwait(false); }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException) { }
    }
}
