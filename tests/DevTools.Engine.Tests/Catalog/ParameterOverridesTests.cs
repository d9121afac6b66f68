using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

public sealed class ParameterOverridesTests
{
    [Theory]
    [InlineData("Stage=prod Size=3", "Stage", "prod", "Size", "3")]
    [InlineData("ParameterKey=Stage,ParameterValue=prod ParameterKey=Size,ParameterValue=3", "Stage", "prod", "Size", "3")]
    [InlineData("Stage=\"two words\" Size='also two'", "Stage", "two words", "Size", "also two")]
    [InlineData("Stage=two\\ words  Size=a\\\"b", "Stage", "two words", "Size", "a\"b")]
    [InlineData("Url=https://x?a=b ParameterKey=List,ParameterValue=a,b,c", "Url", "https://x?a=b", "List", "a,b,c")]
    [InlineData("ParameterKey=Stage,ParameterValue=\"quoted value\" Size=", "Stage", "quoted value", "Size", "")]
    public void Parses_both_sam_syntaxes(string text, string key1, string value1, string key2, string value2)
    {
        var overrides = ParameterOverrides.Parse(text);

        Assert.Equal(new Dictionary<string, string> { [key1] = value1, [key2] = value2 }, overrides);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_no_overrides(string text)
    {
        Assert.Empty(ParameterOverrides.Parse(text));
    }

    [Theory]
    [InlineData("novalue", "novalue")]
    [InlineData("bad-key=1", "bad-key")]
    [InlineData("ParameterKey=Stage", "ParameterValue")]
    public void Invalid_text_says_what_is_wrong(string text, string mentioned)
    {
        Assert.False(ParameterOverrides.TryParse(text, out var overrides, out var error));
        Assert.Null(overrides);
        Assert.Contains(mentioned, error);
        Assert.Contains(mentioned, Assert.Throws<FormatException>(() => ParameterOverrides.Parse(text)).Message);
    }

    [Fact]
    public void The_last_value_for_a_key_wins()
    {
        Assert.Equal("b", ParameterOverrides.Parse("K=a K=b")["K"]);
    }
}
