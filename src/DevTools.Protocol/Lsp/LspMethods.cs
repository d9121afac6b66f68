namespace DevTools.Protocol.Lsp;

/// <summary>The Language Server Protocol (3.17) messages the backend implements, on the same connection as <c>lambda/*</c>.</summary>
public static class LspMethods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string PublishDiagnostics = "textDocument/publishDiagnostics";
    public const string CodeLens = "textDocument/codeLens";
    public const string CodeLensRefresh = "workspace/codeLens/refresh";
    public const string ExecuteCommand = "workspace/executeCommand";
}

/// <summary>The commands <c>workspace/executeCommand</c> runs (and CodeLenses carry).</summary>
public static class LspCommands
{
    /// <summary>Arguments: one <see cref="InvokeParams"/>. Result: <see cref="InvokeResponse"/>.</summary>
    public const string Invoke = "lambda.invoke";

    /// <summary>Arguments: one <see cref="EnvironmentListParams"/>. Result: <see cref="EnvironmentListResult"/>.</summary>
    public const string ListEnvironments = "lambda.environments.list";

    public static readonly string[] All = [Invoke, ListEnvironments];
}
