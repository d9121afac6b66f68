using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

/// <summary>A temporary folder holding a template and its code folders; deleted on dispose.</summary>
internal sealed class TemplateWorkspace : IDisposable
{
    public TemplateWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "devtools-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string TemplatePath => Path.Combine(Root, "template.yaml");

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string CreateFolder(string relativePath) => Directory.CreateDirectory(Path.Combine(Root, relativePath)).FullName;

    public FunctionCatalog Load(string template, TemplateOptions? options = null)
    {
        Write("template.yaml", template);
        return TemplateLoader.Load(TemplatePath, options ?? new TemplateOptions());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}

internal static class CatalogAssert
{
    /// <summary>Asserts exactly one diagnostic has <paramref name="code"/> and returns it.</summary>
    public static TemplateDiagnostic Single(FunctionCatalog catalog, string code)
    {
        var matches = catalog.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matches.Count == 1, $"Expected one {code}, got {matches.Count}. All diagnostics:\n{string.Join("\n", catalog.Diagnostics)}");
        return matches[0];
    }

    public static void At(TemplateDiagnostic diagnostic, int line, int column, string? file = null)
    {
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        if (file is not null)
            Assert.Equal(file, diagnostic.Location.File);
    }

    /// <summary>Asserts exactly one diagnostic has the code, with this severity, position and function, and returns it.</summary>
    public static TemplateDiagnostic Single(FunctionCatalog catalog, string code, DiagnosticSeverity severity, int line, int column, string? functionId = null)
    {
        var diagnostic = Single(catalog, code);
        Assert.Equal(severity, diagnostic.Severity);
        At(diagnostic, line, column);
        Assert.Equal(functionId, diagnostic.FunctionId);
        return diagnostic;
    }

    /// <summary>Asserts no errors or warnings (information is allowed).</summary>
    public static void Clean(FunctionCatalog catalog)
    {
        var problems = catalog.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Information).ToList();
        Assert.True(problems.Count == 0, "Unexpected diagnostics:\n" + string.Join("\n", problems));
    }
}
