using System.Text.RegularExpressions;

namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>
/// Reads a function's own source (never its installed dependencies) for the runtime-provided SDK packages it
/// imports, so the engine fetches what a function needs before its first cold start instead of failing its init.
/// </summary>
public static partial class SourceScanner
{
    private const int MaxFiles = 5000;
    private const long MaxFileBytes = 2 * 1024 * 1024;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "__pycache__", "site-packages", "venv", "bin", "obj",
    };

    private static readonly string[] JavaScriptExtensions = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];

    // import … from '@aws-sdk/x', import('@aws-sdk/x'), require('@aws-sdk/x'), export … from '@aws-sdk/x'; subpaths count as their package.
    [GeneratedRegex("""(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'](@aws-sdk/[a-z0-9][a-z0-9._-]*)""")]
    private static partial Regex JavaScriptSdkImport();

    [GeneratedRegex(@"^\s*(?:import|from)\s+(?:boto3|botocore|s3transfer)\b", RegexOptions.Multiline)]
    private static partial Regex PythonSdkImport();

    /// <summary>The <c>@aws-sdk/*</c> packages the function's JavaScript or TypeScript imports, sorted.</summary>
    public static IReadOnlyList<string> JavaScriptSdkPackages(string codeDirectory)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(codeDirectory, JavaScriptExtensions))
            foreach (Match match in JavaScriptSdkImport().Matches(Read(file)))
                found.Add(match.Groups[1].Value);
        return found.ToList();
    }

    /// <summary>True when the function's Python imports boto3 (or botocore, s3transfer).</summary>
    public static bool ImportsBoto3(string codeDirectory) =>
        SourceFiles(codeDirectory, [".py"]).Any(file => PythonSdkImport().IsMatch(Read(file)));

    private static IEnumerable<string> SourceFiles(string root, string[] extensions)
    {
        if (!Directory.Exists(root)) yield break;
        var pending = new Stack<string>([root]);
        var seen = 0;
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            IEnumerable<string> entries;
            try { entries = Directory.EnumerateFileSystemEntries(folder).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (Directory.Exists(entry))
                {
                    if (!name.StartsWith('.') && !SkippedFolders.Contains(name) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                        pending.Push(entry);
                    continue;
                }
                if (!extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)) continue;
                if (++seen > MaxFiles) yield break;
                yield return entry;
            }
        }
    }

    private static string Read(string file)
    {
        try { return new FileInfo(file).Length > MaxFileBytes ? "" : File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
