using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Environments;
using DevTools.Engine.Runtimes;
using DevTools.Protocol;
using DevTools.Protocol.Lsp;
using DevTools.Protocol.Transport;
using DevTools.Server.Hosting;
using DevTools.Server.Lsp.Documents;
using DevTools.Server.Rpc;
using StreamJsonRpc;
using Range = DevTools.Protocol.Lsp.Range;

namespace DevTools.Server.Lsp.CodeLens;

/// <summary>
/// <c>textDocument/codeLens</c>: above each function resource of the engine's template, and above each handler
/// in a function's JS or Python file, "Invoke locally" and the live count of its warm environments.
/// </summary>
internal sealed class CodeLensHandler(BackendContext context, ClientSession session) : IRequestHandler<CodeLensParams, List<Protocol.Lsp.CodeLens>>
{
    private static readonly JsonSerializerOptions Json = ProtocolJson.CreateSerializerOptions();

    public string Method => LspMethods.CodeLens;

    public Task<List<Protocol.Lsp.CodeLens>> HandleAsync(CodeLensParams parameters, CancellationToken cancellationToken) => Task.FromResult(Lenses(parameters));

    private List<Protocol.Lsp.CodeLens> Lenses(CodeLensParams parameters)
    {
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is not { } path) return [];
        var warm = WarmCounts();
        if (DocumentKinds.IsEngineTemplate(context, path))
        {
            // The open buffer may differ from the saved template: place lenses where the text has the resources now.
            var text = session.Documents.TextOf(path);
            if (text is null) return [];
            var catalog = TemplateLoader.LoadFromText(path, text, context.Options.TemplateOptions);
            return catalog.Functions
                .Where(f => f.Location.File == catalog.TemplatePath)
                .SelectMany(f => LensesFor(f.LogicalId, warm, new Range(
                    new Position(f.Location.Line - 1, f.Location.Column - 1),
                    new Position(f.Location.Line - 1, f.Location.Column - 1 + f.LogicalId.Length))))
                .ToList();
        }
        return HandlerLenses(path, warm).ToList();
    }

    private IEnumerable<Protocol.Lsp.CodeLens> HandlerLenses(string path, IReadOnlyDictionary<string, int> warm)
    {
        string? text = null;
        foreach (var function in context.Engine.Catalog.Functions)
        {
            if (!HandlerLocator.CandidateFiles(function).Contains(path)) continue;
            text ??= session.Documents.TextOf(path);
            if (text is null) yield break;
            var name = HandlerLocator.FunctionName(function);
            if (function.RuntimeDefinition is not { } runtime || HandlerLocator.Find(text, name, runtime.Family) is not var (line, column)) continue;
            foreach (var lens in LensesFor(function.LogicalId, warm, new Range(new Position(line, column), new Position(line, column + name.Length))))
                yield return lens;
        }
    }

    private static IEnumerable<Protocol.Lsp.CodeLens> LensesFor(string logicalId, IReadOnlyDictionary<string, int> warm, Range range)
    {
        yield return new Protocol.Lsp.CodeLens
        {
            Range = range,
            Command = new LspCommand
            {
                Title = "▶ Invoke locally",
                Command = LspCommands.Invoke,
                Arguments = [JsonSerializer.SerializeToElement(new InvokeParams { FunctionName = logicalId }, Json)],
            },
        };
        var count = warm.TryGetValue(logicalId, out var n) ? n : 0;
        yield return new Protocol.Lsp.CodeLens
        {
            Range = range,
            Command = new LspCommand
            {
                Title = count switch { 0 => "no warm environments", 1 => "1 warm environment", _ => $"{count} warm environments" },
                Command = LspCommands.ListEnvironments,
                Arguments = [JsonSerializer.SerializeToElement(new EnvironmentListParams { FunctionName = logicalId }, Json)],
            },
        };
    }

    /// <summary>Environments that would serve the next invoke warm (or are serving one), by logical id.</summary>
    private Dictionary<string, int> WarmCounts() =>
        context.Engine.ListEnvironments()
            .Where(e => e.State is EnvironmentState.Frozen or EnvironmentState.Idle or EnvironmentState.Busy)
            .GroupBy(e => e.LogicalId)
            .ToDictionary(g => g.Key, g => g.Count());
}
