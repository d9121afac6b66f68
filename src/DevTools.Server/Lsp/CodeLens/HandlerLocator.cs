using System.Text.RegularExpressions;
using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes;

namespace DevTools.Server.Lsp.CodeLens;

/// <summary>
/// Finds a function's handler in its source file by plain text search, as a CodeLens needs a line and no more.
/// Limits: only Node.js (<c>.js</c>, <c>.mjs</c>, <c>.cjs</c>) and Python files; only a handler declared in the
/// handler's own module under its own name (<c>exports.h =</c>, <c>module.exports.h =</c>, <c>export [async] function h</c>,
/// <c>export const h</c>, a top-level <c>function h</c> / <c>const h =</c> exported elsewhere, <c>export { h }</c>,
/// Python's top-level <c>def h(</c>); not handlers re-exported from another module, built at run time,
/// assigned through <c>module.exports = {...}</c> under another name, or written in TypeScript.
/// </summary>
internal static class HandlerLocator
{
    private static readonly string[] NodeExtensions = [".js", ".mjs", ".cjs"];

    /// <summary>The files the handler setting can name for this function (none for custom runtimes).</summary>
    public static IEnumerable<string> CandidateFiles(FunctionConfiguration function)
    {
        var family = function.RuntimeDefinition?.Family;
        var dot = function.Handler.LastIndexOf('.');
        if (dot <= 0 || family is not (RuntimeFamily.Node or RuntimeFamily.Python)) return [];
        var module = function.Handler[..dot];
        return family == RuntimeFamily.Python
            ? [Path.GetFullPath(Path.Combine(function.CodeDirectory, module.Replace('.', '/') + ".py"))]
            : NodeExtensions.Select(ext => Path.GetFullPath(Path.Combine(function.CodeDirectory, module + ext)));
    }

    public static string FunctionName(FunctionConfiguration function) => function.Handler[(function.Handler.LastIndexOf('.') + 1)..];

    /// <summary>The 0-based line and column of the handler's name, or null when the simple patterns do not find it.</summary>
    public static (int Line, int Column)? Find(string text, string handlerName, bool python)
    {
        var name = Regex.Escape(handlerName);
        string[] patterns = python
            ? [$@"^(?:async[ \t]+)?def[ \t]+(?<name>{name})[ \t]*\("]
            : [
                $@"^[ \t]*export[ \t]+(?:default[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*(?<name>{name})\b",
                $@"^[ \t]*export[ \t]+(?:const|let|var)[ \t]+(?<name>{name})\b",
                $@"^[ \t]*(?:module\.)?exports\.(?<name>{name})[ \t]*=",
                $@"^[ \t]*(?:async[ \t]+)?function[ \t]*\*?[ \t]*(?<name>{name})[ \t]*\(",
                $@"^[ \t]*(?:const|let|var)[ \t]+(?<name>{name})[ \t]*=",
                $@"^[ \t]*export[ \t]*\{{[^}}]*?\b(?<name>{name})\b",
            ];
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
