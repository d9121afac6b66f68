using System.Text.Json;
using DevTools.Protocol.Workspace;

namespace DevTools.Protocol.Tests;

/// <summary>
/// The template rule on the cases in tests/Cases/template-locations.json, which the extension's templateLocator.ts
/// runs too: the two implementations cannot drift apart.
/// </summary>
public sealed class TemplateLocatorTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Load().EnumerateArray()) data.Add(item.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FindsTheTemplateAndWorkspaceTheSharedCasesExpect(string name)
    {
        var item = Load().EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var root = Directory.CreateTempSubdirectory("template-locator-").FullName;
        try
        {
            foreach (var file in item.GetProperty("files").EnumerateArray())
            {
                var path = Path.Combine(root, file.GetString()!);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "Resources: {}\n");
            }
            var input = Path.Combine(root, item.GetProperty("input").GetString()!);
            var found = TemplateLocator.Resolve(input);

            var expected = item.GetProperty("expected").GetString();
            Assert.Equal(expected is null ? null : Path.GetFullPath(Path.Combine(root, expected)), found);
            if (found is not null)
                Assert.Equal(Path.GetFullPath(Path.Combine(root, item.GetProperty("workspace").GetString()!)).TrimEnd('/'), TemplateLocator.WorkspaceOf(found));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", "template-locations.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").Clone();
    }
}
