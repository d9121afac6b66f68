using System.Text.Json;

namespace DevTools.Protocol.Lsp;

// The subset of LSP 3.17 types the backend speaks. Positions are 0-based (line, UTF-16 character).

public sealed class Position
{
    public Position() { }
    public Position(int line, int character) { Line = line; Character = character; }
    public int Line { get; set; }
    public int Character { get; set; }
}

public sealed class Range
{
    public Range() { }
    public Range(Position start, Position end) { Start = start; End = end; }
    public Position Start { get; set; } = new();
    public Position End { get; set; } = new();
}

public sealed class TextDocumentIdentifier
{
    public string Uri { get; set; } = "";
}

public sealed class VersionedTextDocumentIdentifier
{
    public string Uri { get; set; } = "";
    public int Version { get; set; }
}

public sealed class TextDocumentItem
{
    public string Uri { get; set; } = "";
    public string LanguageId { get; set; } = "";
    public int Version { get; set; }
    public string Text { get; set; } = "";
}

public sealed class DidOpenTextDocumentParams
{
    public TextDocumentItem TextDocument { get; set; } = new();
}

public sealed class DidChangeTextDocumentParams
{
    public VersionedTextDocumentIdentifier TextDocument { get; set; } = new();
    public List<TextDocumentContentChangeEvent> ContentChanges { get; set; } = [];
}

/// <summary>A change; the backend syncs whole documents (<see cref="TextDocumentSyncKind.Full"/>), so only <see cref="Text"/> is read.</summary>
public sealed class TextDocumentContentChangeEvent
{
    public Range? Range { get; set; }
    public string Text { get; set; } = "";
}

public sealed class DidCloseTextDocumentParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
}

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}

public static class DiagnosticSeverityCode
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}

public sealed class Diagnostic
{
    public Range Range { get; set; } = new();

    /// <summary>See <see cref="DiagnosticSeverityCode"/>.</summary>
    public int Severity { get; set; }
    public string? Code { get; set; }
    public string? Source { get; set; }
    public string Message { get; set; } = "";
}

public sealed class PublishDiagnosticsParams
{
    public string Uri { get; set; } = "";
    public int? Version { get; set; }
    public List<Diagnostic> Diagnostics { get; set; } = [];
}

public sealed class CodeLensParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
}

public sealed class CodeLens
{
    public Range Range { get; set; } = new();
    public LspCommand? Command { get; set; }
}

/// <summary>LSP's <c>Command</c> (named apart from <see cref="Command"/> so its <c>command</c> property serializes by name).</summary>
public sealed class LspCommand
{
    public string Title { get; set; } = "";
    public string Command { get; set; } = "";
    public List<JsonElement>? Arguments { get; set; }
}

public sealed class ExecuteCommandParams
{
    public string Command { get; set; } = "";
    public List<JsonElement>? Arguments { get; set; }
}

public sealed class InitializeParams
{
    public int? ProcessId { get; set; }
    public string? RootUri { get; set; }
    public string? RootPath { get; set; }
    public List<WorkspaceFolder>? WorkspaceFolders { get; set; }
    public ClientInfo? ClientInfo { get; set; }

    /// <summary>The client's capabilities, read where the backend needs them (e.g. <c>workspace.codeLens.refreshSupport</c>).</summary>
    public JsonElement Capabilities { get; set; }
}

public sealed class WorkspaceFolder
{
    public string Uri { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class ClientInfo
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
}

public sealed class InitializeResult
{
    public ServerCapabilities Capabilities { get; set; } = new();
    public ServerInfo ServerInfo { get; set; } = new();
}

public sealed class ServerInfo
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
}

public sealed class ServerCapabilities
{
    public TextDocumentSyncOptions TextDocumentSync { get; set; } = new();
    public CodeLensOptions CodeLensProvider { get; set; } = new();
    public ExecuteCommandOptions ExecuteCommandProvider { get; set; } = new();
}

public sealed class TextDocumentSyncOptions
{
    public bool OpenClose { get; set; } = true;
    public int Change { get; set; } = TextDocumentSyncKind.Full;
}

public sealed class CodeLensOptions
{
    public bool ResolveProvider { get; set; }
}

public sealed class ExecuteCommandOptions
{
    public List<string> Commands { get; set; } = [];
}
