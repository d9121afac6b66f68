using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Build;

/// <summary>
/// Joins each function of a freshly read template to its <c>devtools build</c>, and says what a user should know:
/// that it runs with that build, that the build is older than the manifest, or that dependencies it declares were
/// never installed (the state of a project right after <c>sam init</c> or <c>git clone</c>).
/// </summary>
internal static class BuildOutputs
{
    private const string BuildHint = "run `devtools build` (Lambda: Build in VS Code, Build-LocalFunction in PowerShell)";

    public static IReadOnlyList<FunctionConfiguration> Apply(string templatePath, IReadOnlyList<FunctionConfiguration> functions, DiagnosticList diagnostics)
    {
        var templateDirectory = Path.GetDirectoryName(templatePath)!;
        return functions.Select(function =>
        {
            if (DependencyManifest.Find(function) is not { } manifest || !manifest.DeclaresDependencies()) return function;
            var folder = new BuildFolder(templateDirectory, function.LogicalId);
            if (folder.StampFor(function) is { } stamp)
            {
                if (stamp.ManifestHash != manifest.Hash())
                    diagnostics.Warning(DiagnosticCodes.BuildOutdated,
                        $"Function '{function.LogicalId}': {manifest.FileName} changed after its last build; it runs with the old dependencies until you {BuildHint}.",
                        function.Location, function.LogicalId);
                else
                    diagnostics.Information(DiagnosticCodes.RunsWithBuild,
                        $"Function '{function.LogicalId}' runs with the dependencies built in {Path.GetRelativePath(templateDirectory, folder.Directory)} ({stamp.BuiltAt:u}).",
                        function.Location, function.LogicalId);
                return function with { DependenciesDirectory = folder.Directory };
            }
            if (!Installed(manifest, templateDirectory))
                diagnostics.Warning(DiagnosticCodes.DependenciesNotInstalled,
                    $"Function '{function.LogicalId}' declares dependencies in {Path.GetRelativePath(templateDirectory, manifest.Path)} that are not installed: {BuildHint}.",
                    function.Location, function.LogicalId);
            return function;
        }).ToList();
    }

    /// <summary>The catalogue with every function joined to its build as it is now (after <c>devtools build</c> ran).</summary>
    public static FunctionCatalog Refresh(FunctionCatalog catalog)
    {
        var diagnostics = new DiagnosticList();
        var functions = Apply(catalog.TemplatePath, catalog.Functions.Select(f => f with { DependenciesDirectory = null }).ToList(), diagnostics);
        var kept = catalog.Diagnostics.Where(d => d.Code is not (DiagnosticCodes.DependenciesNotInstalled or DiagnosticCodes.BuildOutdated or DiagnosticCodes.RunsWithBuild));
        return new FunctionCatalog(catalog.TemplatePath, functions,
            kept.Concat(diagnostics.Items).OrderBy(d => d.Location.File == catalog.TemplatePath ? 0 : 1).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList());
    }

    /// <summary>Installed by hand: a node_modules beside the manifest or above it (within the project), or pip's packages in the code folder.</summary>
    private static bool Installed(DependencyManifest manifest, string templateDirectory)
    {
        if (manifest.Family == RuntimeFamily.Node)
        {
            for (var folder = manifest.CodeDirectory; folder is not null && folder.StartsWith(templateDirectory, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
                if (Directory.Exists(Path.Combine(folder, "node_modules"))) return true;
            return false;
        }
        var names = File.ReadAllLines(manifest.Path)
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0 && char.IsLetter(l[0]) && !l.Contains('/')) // names only: options, paths and URLs say nothing
            .Select(l => new string(l.TakeWhile(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.').ToArray()).Replace('-', '_').ToLowerInvariant())
            .Where(n => n.Length > 0);
        return names.Any(n => Directory.Exists(Path.Combine(manifest.CodeDirectory, n)) || File.Exists(Path.Combine(manifest.CodeDirectory, n + ".py")));
    }
}
