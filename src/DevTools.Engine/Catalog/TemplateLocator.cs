namespace DevTools.Engine.Catalog;

/// <summary>Which template a folder stands for, as <c>sam local</c> looks for one.</summary>
public static class TemplateLocator
{
    public static IReadOnlyList<string> SourceNames { get; } = ["template.yaml", "template.yml"];

    /// <summary>What <c>sam build</c> writes: the template with each function's CodeUri pointing at its built copy.</summary>
    public static string SamBuildTemplate { get; } = Path.Combine(".aws-sam", "build", "template.yaml");

    /// <summary>The template <c>sam build</c> wrote in the folder, else its <c>template.yaml</c>, else <c>template.yml</c>; null when none.</summary>
    public static string? FindIn(string directory) =>
        new[] { SamBuildTemplate }.Concat(SourceNames).Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    /// <summary>For a template <c>sam build</c> wrote, the source template it came from; null for any other.</summary>
    public static string? SourceOfSamBuild(string templatePath)
    {
        var suffix = Path.DirectorySeparatorChar + SamBuildTemplate;
        if (!templatePath.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var project = templatePath[..^suffix.Length];
        return SourceNames.Select(n => Path.Combine(project, n)).FirstOrDefault(File.Exists);
    }

    /// <summary>Says that a <c>sam build</c> template is in use, and when its source is newer (SAM's own pitfall: edits need a rebuild).</summary>
    internal static void Describe(string templatePath, DiagnosticList diagnostics)
    {
        if (SourceOfSamBuild(templatePath) is not { } source) return;
        var at = new SourceLocation(templatePath, 1, 1);
        diagnostics.Information(DiagnosticCodes.UsingSamBuildTemplate,
            $"Using the template sam build wrote ({SamBuildTemplate}); its functions run from their built copies. Pass --template {Path.GetFileName(source)} to run the source instead.", at);
        if (File.GetLastWriteTimeUtc(source) > File.GetLastWriteTimeUtc(templatePath))
            diagnostics.Warning(DiagnosticCodes.SamBuildTemplateOutdated,
                $"{Path.GetFileName(source)} changed after sam build wrote {SamBuildTemplate}: run sam build again, or pass --template {Path.GetFileName(source)}.", at);
    }
}
