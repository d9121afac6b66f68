using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DevTools.Protocol.Workspace;

/// <summary>
/// Which SAM template a path stands for, and which workspace it belongs to: the one rule every front end and the
/// engine share (the extension mirrors it in <c>templateLocator.ts</c>, and a test runs both on the same cases).
/// A file is itself; a folder stands for the template <c>sam build</c> wrote in it, else its <c>template.yaml</c>,
/// else its <c>template.yml</c> (as <c>sam local</c> looks).
/// </summary>
public static class TemplateLocator
{
    public static IReadOnlyList<string> SourceNames { get; } = ["template.yaml", "template.yml"];

    /// <summary>What <c>sam build</c> writes: the template with each function's CodeUri pointing at its built copy.</summary>
    public static string SamBuildTemplate { get; } = Path.Combine(".aws-sam", "build", "template.yaml");

    /// <summary>The template a folder stands for; null when it holds none.</summary>
    public static string? FindIn(string directory) =>
        new[] { SamBuildTemplate }.Concat(SourceNames).Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    /// <summary>
    /// The full path of the template <paramref name="fileOrFolder"/> stands for (relative to the current folder;
    /// empty means the current folder); null when it is neither a file nor a folder holding a template.
    /// </summary>
    public static string? Resolve(string? fileOrFolder)
    {
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(fileOrFolder) ? "." : fileOrFolder);
        if (Directory.Exists(full)) return FindIn(full);
        return File.Exists(full) ? full : null;
    }

    /// <summary>For a template <c>sam build</c> wrote, the source template it came from; null for any other.</summary>
    public static string? SourceOfSamBuild(string templatePath) =>
        ProjectOfSamBuild(templatePath) is { } project ? SourceNames.Select(n => Path.Combine(project, n)).FirstOrDefault(File.Exists) : null;

    /// <summary>
    /// The workspace a template belongs to (every client of it shares one backend): its folder, or for a template
    /// <c>sam build</c> wrote, the project folder that holds <c>.aws-sam</c>.
    /// </summary>
    public static string WorkspaceOf(string templatePath)
    {
        var full = Path.GetFullPath(templatePath);
        if (Directory.Exists(full)) return full;
        return ProjectOfSamBuild(full) ?? Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
    }

    private static string? ProjectOfSamBuild(string templatePath)
    {
        var suffix = Path.DirectorySeparatorChar + SamBuildTemplate;
        return templatePath.EndsWith(suffix, StringComparison.Ordinal) ? templatePath.Substring(0, templatePath.Length - suffix.Length) : null;
    }
}
