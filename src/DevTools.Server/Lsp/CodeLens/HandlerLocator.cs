using System.Text.RegularExpressions;
using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes;

namespace DevTools.Server.Lsp.CodeLens;

/// <summary>
/// Finds a function's handler in its source file by plain text search, as a CodeLens needs a line and no more.
/// Limits: Node.js (<c>.js</c>, <c>.mjs</c>, <c>.cjs</c>), Python, Ruby, Java and C# sources; only a handler declared in the
/// handler's own module under its own name (<c>exports.h =</c>, <c>module.exports.h =</c>, <c>export [async] function h</c>,
/// <c>export const h</c>, a top-level <c>function h</c> / <c>const h =</c> exported elsewhere, <c>export { h }</c>,
/// Python's top-level <c>def h(</c>, Ruby's <c>def h</c> / <c>def self.h</c>, a Java or C# method <c>h(</c> of the handler's
/// class file); not handlers re-exported from another module, built at run time, assigned through
/// <c>module.exports = {...}</c> under another name, or written in TypeScript. Java sources are looked for under the code
/// folder (<c>src/main/java/</c>, <c>src/</c> or the folder itself, by package); C# ones in the code folder's <c>.cs</c>
/// files (a project folder), not in a publish folder.
/// </summary>
internal static class HandlerLocator
{
    private static readonly string[] NodeExtensions = [".js", ".mjs", ".cjs"];

    /// <summary>The files the handler setting can name for this function (none for custom runtimes).</summary>
    public static IEnumerable<string> CandidateFiles(FunctionConfiguration function)
    {
        var handler = function.Handler;
        var code = function.CodeDirectory;
        switch (function.RuntimeDefinition?.Family)
        {
            case RuntimeFamily.Node or RuntimeFamily.Python or RuntimeFamily.Ruby when handler.LastIndexOf('.') is > 0 and var dot:
                var module = handler[..dot];
                return function.RuntimeDefinition.Family switch
                {
                    RuntimeFamily.Python => [Path.GetFullPath(Path.Combine(code, module.Replace('.', '/') + ".py"))],
                    RuntimeFamily.Ruby => [Path.GetFullPath(Path.Combine(code, module + ".rb"))],
                    _ => NodeExtensions.Select(ext => Path.GetFullPath(Path.Combine(code, module + ext))),
                };
            case RuntimeFamily.Java:
                var type = handler.Split("::")[0].Replace('.', '/') + ".java";
                return ((string[])["src/main/java", "src", "."]).Select(root => Path.GetFullPath(Path.Combine(code, root, type)));
            case RuntimeFamily.Dotnet when Directory.Exists(code):
                return Directory.EnumerateFiles(code, "*.cs", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4 })
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                    .Take(200).Select(Path.GetFullPath).ToList();
            default:
                return [];
        }
    }

    /// <summary>The handler's function or method name: after the last <c>.</c> (Node.js, Python, Ruby) or <c>::</c> (Java, .NET; a Java class alone means <c>handleRequest</c>).</summary>
    public static string FunctionName(FunctionConfiguration function) => function.RuntimeDefinition?.Family switch
    {
        RuntimeFamily.Java or RuntimeFamily.Dotnet => function.Handler.Contains("::") ? function.Handler[(function.Handler.LastIndexOf("::", StringComparison.Ordinal) + 2)..] : "handleRequest",
        _ => function.Handler[(function.Handler.LastIndexOf('.') + 1)..],
    };

    /// <summary>The 0-based line and column of the handler's name, or null when the simple patterns do not find it.</summary>
    public static (int Line, int Column)? Find(string text, string handlerName, RuntimeFamily family)
    {
        var name = Regex.Escape(handlerName);
        string[] patterns = family switch
        {
            RuntimeFamily.Python => [$@"^(?:async[ \t]+)?def[ \t]+(?<name>{name})[ \t]*\("],
            RuntimeFamily.Ruby => [$@"^[ \t]*def[ \t]+(?:self\.)?(?<name>{name})\b"],
            // A method declaration: modifiers and a return type before the name, no '=' or ';' (not a call or a field).
            RuntimeFamily.Java or RuntimeFamily.Dotnet => [$@"^[ \t]*(?:public|protected|internal|private|static)[^=;\n(]*[ \t](?<name>{name})[ \t]*(?:<[^>\n]*>)?[ \t]*\("],
            _ => [
                $@"^[ \t]*export[ \t]+(?:default[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*(?<name>{name})\b",
                $@"^[ \t]*export[ \t]+(?:const|let|var)[ \t]+(?<name>{name})\b",
                $@"^[ \t]*(?:module\.)?exports\.(?<name>{name})[ \t]*=",
                $@"^[ \t]*(?:async[ \t]+)?function[ \t]*\*?[ \t]*(?<name>{name})[ \t]*\(",
                $@"^[ \t]*(?:const|let|var)[ \t]+(?<name>{name})[ \t]*=",
                $@"^[ \t]*export[ \t]*\{{[^}}]*?\b(?<name>{name})\b",
            ],
        };
        foreach (var pattern in patterns)
        {
            var match = Regex.Match(text, pattern, RegexOptions.Multiline, TimeSpan.FromMilliseconds(200));
            if (!match.Success) continue;
            var index = match.Groups["name"].Index;
            var line = 0;
            var lineStart = 0;
            for (var i = 0; i < index; i++)
            {
                if (text[i] != '\n') continue;
                line++;
                lineStart = i + 1;
            }
            return (line, index - lineStart);
        }
        return null;
    }
}
