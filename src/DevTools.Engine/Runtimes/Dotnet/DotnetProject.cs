using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DevTools.Engine.Runtimes.Dotnet;

/// <summary>
/// A function whose <c>CodeUri</c> is a project folder (a <c>*.csproj</c>, <c>*.fsproj</c> or <c>*.vbproj</c>) rather than a
/// publish folder: its code has to be published before it runs. The fingerprint of its sources (and of the projects it
/// references) says whether an earlier publish is still good.
/// </summary>
public sealed partial record DotnetProject(string Path)
{
    private static readonly string[] Extensions = [".csproj", ".fsproj", ".vbproj"];

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The project in the folder; null when it holds none. Several are an error the caller reports.</summary>
    public static DotnetProject? Find(string codeDirectory, out string? error)
    {
        error = null;
        if (!System.IO.Directory.Exists(codeDirectory)) return null;
        var projects = System.IO.Directory.GetFiles(codeDirectory).Where(f => Extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (projects.Count > 1) error = $"{codeDirectory} holds several projects ({string.Join(", ", projects.Select(System.IO.Path.GetFileName))}): point CodeUri at one project's folder.";
        return projects.Count == 1 ? new DotnetProject(projects[0]) : null;
    }

    /// <summary>
    /// The names, sizes and times of the source files of this project and of the projects it references: build output
    /// (<c>bin</c>, <c>obj</c>) and hidden folders are left out.
    /// </summary>
    public string Fingerprint()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path]);
        while (pending.TryDequeue(out var project))
        {
            var folder = System.IO.Path.GetDirectoryName(project)!;
            if (!seen.Add(folder)) continue;
            foreach (var file in SourceFiles(folder))
            {
                var info = new FileInfo(file);
                sha.AppendData(Encoding.UTF8.GetBytes($"{file}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n"));
            }
            foreach (var reference in References(project)) pending.Enqueue(reference);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var files = System.IO.Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        foreach (var sub in System.IO.Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(sub);
            if (name.StartsWith('.') || name is "bin" or "obj" or "node_modules") continue;
            files.AddRange(SourceFiles(sub));
        }
        return files;
    }

    /// <summary>The projects a project file references (<c>&lt;ProjectReference Include="..."/&gt;</c>), as full paths.</summary>
    private static IEnumerable<string> References(string project)
    {
        string text;
        try { text = File.ReadAllText(project); }
        catch (IOException) { yield break; }
        foreach (Match match in ProjectReference().Matches(text))
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(project)!, match.Groups[1].Value.Replace('\\', '/')));
            if (File.Exists(path)) yield return path;
        }
    }

    [GeneratedRegex("<ProjectReference\\s+Include\\s*=\\s*\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectReference();
}
