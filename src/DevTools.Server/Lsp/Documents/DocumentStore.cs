using System.Collections.Concurrent;

namespace DevTools.Server.Lsp.Documents;

/// <summary>An editor's open documents (full text sync), by local path: unsaved text wins over the file on disk.</summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);

    public void Open(string path, string uri, int version, string text) => _documents[path] = new OpenDocument(uri, version, text);

    /// <summary>Applies a change unless an equal or newer version is already there (notifications may be handled out of order).</summary>
    public OpenDocument? Change(string path, int version, string text) =>
        _documents.AddOrUpdate(path,
            _ => new OpenDocument(DocumentUri.FromPath(path), version, text),
            (_, current) => version > current.Version ? current with { Version = version, Text = text } : current);

    public void Close(string path) => _documents.TryRemove(path, out _);

    public OpenDocument? Find(string path) => _documents.TryGetValue(path, out var document) ? document : null;

    /// <summary>The open text, else the saved file, else null.</summary>
    public string? TextOf(string path)
    {
        if (Find(path) is { } open) return open.Text;
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}

internal sealed record OpenDocument(string Uri, int Version, string Text);
