namespace DevTools.Server.Lsp.Documents;

/// <summary><c>file://</c> URIs as LSP sends them, to and from local paths.</summary>
internal static class DocumentUri
{
    public static string? ToPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? Path.GetFullPath(parsed.LocalPath) : null;

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
