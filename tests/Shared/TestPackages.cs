using System.Diagnostics;

namespace DevTools.Tests.Shared;

/// <summary>Packages the build tests install, made locally (no registry needed): an npm tarball of a one-file module.</summary>
public static class TestPackages
{
    /// <summary>
    /// Packs <c>greet@version</c> (<c>module.exports = (name) =&gt; `{word} ${name}`</c>) with npm itself into
    /// <paramref name="folder"/>; returns the tarball's path, for a <c>"greet": "file:…"</c> dependency.
    /// </summary>
    /// <summary>
    /// A Node.js function folder as <c>git clone</c> leaves one: a <c>package.json</c> declaring <c>greet</c> (packed into
    /// <paramref name="packages"/>), no node_modules, and an <c>index.js</c> whose handler greets <c>event.name</c>.
    /// </summary>
    public static void WriteGreeterFunction(string codeDirectory, string packages)
    {
        Directory.CreateDirectory(codeDirectory);
        File.WriteAllText(Path.Combine(codeDirectory, "package.json"), $$"""{ "name": "greeter", "version": "1.0.0", "dependencies": { "greet": "file:{{PackGreet(packages)}}" } }""");
        File.WriteAllText(Path.Combine(codeDirectory, "index.js"), "const greet = require('greet');\nexports.handler = async (event) => greet(event.name);\n");
    }

    public static string PackGreet(string folder, string version = "1.0.0", string word = "hello")
    {
        var source = Path.Combine(folder, "greet-" + version);
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "package.json"), $$"""{ "name": "greet", "version": "{{version}}", "main": "index.js" }""");
        File.WriteAllText(Path.Combine(source, "index.js"), $"module.exports = (name) => `{word} ${{name}}`;\n");
        using var pack = Process.Start(new ProcessStartInfo("npm", ["pack", "--silent", source]) { WorkingDirectory = folder, RedirectStandardOutput = true })!;
        pack.WaitForExit();
        var tarball = Path.Combine(folder, $"greet-{version}.tgz");
        if (!File.Exists(tarball)) throw new InvalidOperationException($"npm pack did not write {tarball}");
        return tarball;
    }
}
