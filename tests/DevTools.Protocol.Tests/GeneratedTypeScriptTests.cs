using DevTools.Protocol.TypeScript;

namespace DevTools.Protocol.Tests;

/// <summary>
/// The extension's protocol types are generated from the C# contract and checked in: a contract change without the
/// regenerated file fails here (and the extension's type check then says which of its uses no longer fit).
/// </summary>
public sealed class GeneratedTypeScriptTests
{
    [Fact]
    public void TheCheckedInTypeScriptIsWhatTheContractGenerates()
    {
        var checkedIn = File.ReadAllText(GeneratedProtocolFile.PathFrom(AppContext.BaseDirectory)).ReplaceLineEndings("\n").Split('\n');
        var generated = TypeScriptProtocol.Generate().Split('\n');
        var line = Enumerable.Range(0, Math.Max(checkedIn.Length, generated.Length))
            .FirstOrDefault(i => i >= checkedIn.Length || i >= generated.Length || checkedIn[i] != generated[i], -1);
        Assert.True(line < 0,
            $"{GeneratedProtocolFile.RelativePath} is not what the C# contract generates (line {line + 1}: " +
            $"'{checkedIn.ElementAtOrDefault(line)}', generated '{generated.ElementAtOrDefault(line)}'). " +
            $"Regenerate it: {GeneratedProtocolFile.RegenerateCommand}");
    }
}
