using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Build;

/// <summary>
/// The dependencies a function declares, as <c>sam build</c> reads them: <c>package.json</c> (with its lock file) for
/// Node.js, <c>requirements.txt</c> for Python. Its hash says whether an earlier build is still good.
/// </summary>
public sealed record DependencyManifest(RuntimeFamily Family, string CodeDirectory, string FileName, string? LockFileName)
{
    public string Path => System.IO.Path.Combine(CodeDirectory, FileName);
    public string? LockPath => LockFileName is null ? null : System.IO.Path.Combine(CodeDirectory, LockFileName);

    /// <summary>The manifest of a function, or null when it declares none (or its runtime installs nothing).</summary>
    public static DependencyManifest? Find(FunctionConfiguration function)
    {
        var folder = function.CodeDirectory;
        switch (function.RuntimeDefinition?.Family)
        {
            case RuntimeFamily.Node when File.Exists(System.IO.Path.Combine(folder, "package.json")):
                var lockFile = new[] { "package-lock.json", "npm-shrinkwrap.json" }.FirstOrDefault(n => File.Exists(System.IO.Path.Combine(folder, n)));
                return new DependencyManifest(RuntimeFamily.Node, folder, "package.json", lockFile);
            case RuntimeFamily.Python when File.Exists(System.IO.Path.Combine(folder, "requirements.txt")):
                return new DependencyManifest(RuntimeFamily.Python, folder, "requirements.txt", null);
            default:
                return null;
        }
    }

    /// <summary>
    /// True when it names something to install: <c>dependencies</c> in package.json (devDependencies are not deployed),
    /// any requirement line in requirements.txt. An unreadable manifest counts as declaring some (the build says why).
    /// </summary>
    public bool DeclaresDependencies()
    {
        try
        {
            var text = File.ReadAllText(Path);
            if (Family == RuntimeFamily.Python)
                return text.Split('\n').Select(l => l.Split('#')[0].Trim()).Any(l => l.Length > 0);
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("dependencies", out var dependencies)
                && dependencies.ValueKind == JsonValueKind.Object
                && dependencies.EnumerateObject().Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return true; }
    }

    /// <summary>What a build depends on: the runtime family, the manifest and the lock file, byte for byte.</summary>
    public string Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Family + "\n"));
        foreach (var file in new[] { Path, LockPath })
        {
            sha.AppendData(Encoding.UTF8.GetBytes((file is null ? "-" : System.IO.Path.GetFileName(file)) + "\n"));
            if (file is not null && File.Exists(file)) sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
