using DevTools.Engine.Catalog;
using FsCheck;
using FsCheck.Fluent;

namespace DevTools.Engine.Tests.Reliability;

/// <summary>Fuzzed templates (mutations of the samples' template, and random YAML-ish text): the loader never throws and every diagnostic points inside the text.</summary>
public sealed class TemplateFuzzTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(DevTools.Tests.Shared.CliRunner.SamplesDirectory, "template.yaml"));

    private static readonly string[] Fragments =
    [
        "!Ref", "!Sub", "!GetAtt", "!If", "!Join", "Fn::Sub:", "Ref:", "{", "}", "[", "]", ":", "- ", "  ", "\t", "'", "\"", "&anchor", "*anchor", "<<:", "|", ">",
        "MemorySize: 99999999999999999999", "Timeout: -1", "Runtime: nodejs99.x", "Handler: ", "CodeUri: ../../..", "~", "null", "\u0000", "\u202e", "é", "💥",
        "Resources:", "Globals:", "Parameters:", "Conditions:", "!Condition X", "%YAML 1.1", "---", "...", "? ", "!!binary", "!<tag:yaml.org,2002:str>",
    ];

    private static Gen<string> Mutation() =>
        from edits in Gen.ListOf(Edit())
        select edits.Aggregate(Sample, (text, edit) =>
        {
            var at = Math.Min(edit.At, text.Length);
            return edit.Kind switch
            {
                0 => text.Insert(at, edit.Fragment),
                1 => text.Remove(at, Math.Min(12, text.Length - at)),
                2 => text.Insert(at, "\n" + edit.Fragment + "\n"),
                _ => text[..at] + text[at..].Replace(":", edit.Fragment, StringComparison.Ordinal),
            };
        });

    private static Gen<(int Kind, int At, string Fragment)> Edit() =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, Sample.Length)
        from fragment in Gen.Elements(Fragments)
        select (kind, at, fragment);

    private static Gen<string> RandomText() =>
        from parts in Gen.ListOf(Gen.OneOf(Gen.Elements(Fragments), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")))
        select string.Join(Gen.Elements("\n", " ", "").Sample(1)[0], parts);

    [Fact]
    public void MutatedTemplatesNeverCrashTheLoader() =>
        Prop.ForAll(Mutation().ToArbitrary(), CheckLoads).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    [Fact]
    public void RandomTextNeverCrashesTheLoader() =>
        Prop.ForAll(RandomText().ToArbitrary(), CheckLoads).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    [Theory]
    [InlineData(2_000)]
    [InlineData(100_000)]
    public void DeepNestingIsAnErrorNotAStackOverflow(int depth)
    {
        var text = "Resources: " + new string('[', depth) + new string(']', depth);
        var catalog = TemplateLoader.LoadFromText("/fuzz/template.yaml", text, new TemplateOptions());
        Assert.True(catalog.HasErrors);
    }

    private static bool CheckLoads(string text)
    {
        var catalog = TemplateLoader.LoadFromText("/fuzz/template.yaml", text, new TemplateOptions());
        // YAML (and LSP) break lines at \r\n, \r and \n; YAML also at NEL and the Unicode separators.
        var lines = System.Text.RegularExpressions.Regex.Split(text, "\r\n|\r|\n|\u0085|\u2028|\u2029").Length;
        foreach (var d in catalog.Diagnostics.Where(d => d.Location.File == "/fuzz/template.yaml"))
        {
            if (d.Location.Line < 1 || d.Location.Line > lines + 1 || d.Location.Column < 1)
                throw new InvalidOperationException($"diagnostic outside the text: {d}");
        }
        return true;
    }
}
