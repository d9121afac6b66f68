using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.Lsp;

/// <summary>A private copy of samples/ (template and functions), so a test's backend has a workspace of its own.</summary>
public sealed class SampleWorkspace : IDisposable
{
    public SampleWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "devtools-backend-tests", "samples-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(CliRunner.SamplesDirectory, Root);
    }

    public string Root { get; }
    public string TemplatePath => Path.Combine(Root, "template.yaml");
    public string PathOf(string relative) => Path.Combine(Root, relative);
    public static string Uri(string path) => new Uri(path).AbsoluteUri;

    public static string BrokenTemplateText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lsp", "Templates", "broken.yaml"));

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) != "node_modules"))
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
