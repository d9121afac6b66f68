using DevTools.Protocol.Workspace;

namespace DevTools.Engine.Catalog;

/// <summary>What a template <c>sam build</c> wrote means for the user, said as diagnostics.</summary>
internal static class SamBuildTemplateNotes
{
    /// <summary>Says that a <c>sam build</c> template is in use, and when its source is newer (SAM's own pitfall: edits need a rebuild).</summary>
    public static void Describe(string templatePath, DiagnosticList diagnostics)
    {
        if (TemplateLocator.SourceOfSamBuild(templatePath) is not { } source) return;
        var at = new SourceLocation(templatePath, 1, 1);
        diagnostics.Information(DiagnosticCodes.UsingSamBuildTemplate,
            $"Using the template sam build wrote ({TemplateLocator.SamBuildTemplate}); its functions run from their built copies. Pass --template {Path.GetFileName(source)} to run the source instead.", at);
        if (File.GetLastWriteTimeUtc(source) > File.GetLastWriteTimeUtc(templatePath))
            diagnostics.Warning(DiagnosticCodes.SamBuildTemplateOutdated,
                $"{Path.GetFileName(source)} changed after sam build wrote {TemplateLocator.SamBuildTemplate}: run sam build again, or pass --template {Path.GetFileName(source)}.", at);
    }
}
