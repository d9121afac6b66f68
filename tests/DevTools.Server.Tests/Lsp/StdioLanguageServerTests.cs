using System.Text.Json;
using DevTools.Protocol;
using DevTools.Protocol.Lsp;
using DevTools.Server.Tests.JsonRpc;
using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.Lsp;

/// <summary>
/// <c>devtools serve --stdio</c> as an editor starts it: LSP lifecycle, diagnostics from template validation,
/// CodeLenses over templates and handlers, commands, and the <c>lambda/*</c> methods on the same connection.
/// </summary>
public sealed class StdioLanguageServerTests : IAsyncLifetime
{
    private readonly SampleWorkspace _workspace = new();
    private BackendProcess _backend = null!;
    private RpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _backend = BackendProcess.StartStdio(_workspace.TemplatePath, "--idle-timeout", "60");
        _client = RpcClient.OverStdio(_backend.Process);
        var result = await _client.CallAsync<InitializeResult>(LspMethods.Initialize, new
        {
            processId = Environment.ProcessId,
            rootUri = SampleWorkspace.Uri(_workspace.Root),
            clientInfo = new { name = "xunit" },
            capabilities = new { workspace = new { codeLens = new { refreshSupport = true } } },
        });
        Assert.Equal(TextDocumentSyncKind.Full, result.Capabilities.TextDocumentSync.Change);
        Assert.Contains(LspCommands.Invoke, result.Capabilities.ExecuteCommandProvider.Commands);
        Assert.Equal("lambda-devtools", result.ServerInfo.Name);
        await _client.Rpc.NotifyWithParameterObjectAsync(LspMethods.Initialized, new { });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _backend.DisposeAsync();
        _workspace.Dispose();
    }

    private Task OpenAsync(string path, string text, string languageId = "yaml") =>
        _client.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = SampleWorkspace.Uri(path), LanguageId = languageId, Version = 1, Text = text },
        });

    private Task<List<CodeLens>> CodeLensesAsync(string path) =>
        _client.CallAsync<List<CodeLens>>(LspMethods.CodeLens, new CodeLensParams { TextDocument = new TextDocumentIdentifier { Uri = SampleWorkspace.Uri(path) } });

    [Fact]
    public async Task BrokenTemplateTextGetsDiagnosticsAtTheExactTokensAndFixingItClearsThem()
    {
        var uri = SampleWorkspace.Uri(_workspace.TemplatePath);
        await OpenAsync(_workspace.TemplatePath, SampleWorkspace.BrokenTemplateText);
        var published = await _client.WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version == 1);

        Assert.Equal(["DT3006", "DT3002", "DT3001", "DT2004"], published.Diagnostics.Select(d => d.Code));
        Assert.All(published.Diagnostics, d => Assert.Equal(DiagnosticSeverityCode.Error, d.Severity));
        AssertRange(published.Diagnostics[0], 6, 15, 6, 24);   // nodejs1.x
        AssertRange(published.Diagnostics[1], 9, 18, 9, 23);   // 99999
        AssertRange(published.Diagnostics[2], 10, 15, 10, 21); // "soon"
        AssertRange(published.Diagnostics[3], 13, 20, 13, 32); // !Ref Missing
        Assert.Contains("99999", published.Diagnostics[1].Message);

        // Unsaved edits are validated as typed (full sync).
        await _client.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidChange, new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = uri, Version = 2 },
            ContentChanges = [new TextDocumentContentChangeEvent { Text = File.ReadAllText(_workspace.TemplatePath) }],
        });
        var fixedText = await _client.WaitForDiagnosticsAsync(p => p.Uri == uri && p.Version == 2);
        // Only the samples' deliberate hint is left: NodeDepsFunction's package.json is not built in a fresh copy.
        Assert.Equal(["DT3021"], fixedText.Diagnostics.Select(d => d.Code));

        await _client.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidClose, new DidCloseTextDocumentParams { TextDocument = new TextDocumentIdentifier { Uri = uri } });
    }

    private static void AssertRange(Diagnostic diagnostic, int startLine, int startCharacter, int endLine, int endCharacter)
    {
        Assert.Equal((startLine, startCharacter, endLine, endCharacter),
            (diagnostic.Range.Start.Line, diagnostic.Range.Start.Character, diagnostic.Range.End.Line, diagnostic.Range.End.Character));
    }

    [Fact]
    public async Task TemplateCodeLensesInvokeEachFunctionAndCountItsWarmEnvironments()
    {
        var template = _workspace.TemplatePath;
        var lines = File.ReadAllLines(template);
        var lenses = await CodeLensesAsync(template);
        Assert.Equal(20, lenses.Count);
        foreach (var function in new[] { "NodeCjsFunction", "NodeEsmFunction", "PythonFunction", "DotnetFunction", "ShellFunction", "JavaFunction", "RubyFunction", "SdkFunction", "NodeDepsFunction", "NodeLayerFunction" })
        {
            var line = Array.FindIndex(lines, l => l == $"  {function}:");
            var pair = lenses.Where(l => l.Range.Start.Line == line).ToList();
            Assert.Equal(2, pair.Count);
            Assert.Equal((2, 2 + function.Length), (pair[0].Range.Start.Character, pair[0].Range.End.Character));
            Assert.Equal("▶ Invoke locally", pair[0].Command!.Title);
            Assert.Equal(LspCommands.Invoke, pair[0].Command!.Command);
            Assert.Equal(function, pair[0].Command!.Arguments![0].GetProperty("functionName").GetString());
            Assert.Equal("no warm environments", pair[1].Command!.Title);
        }

        var result = await _client.CallAsync<InvokeResponse>(LspMethods.ExecuteCommand, new ExecuteCommandParams
        {
            Command = LspCommands.Invoke,
            Arguments = [JsonSerializer.SerializeToElement(new { functionName = "ShellFunction", payload = """{"from":"codelens"}""" })],
        });
        Assert.Equal(200, result.StatusCode);
        Assert.True(result.ColdStart);

        var after = await CodeLensesAsync(template);
        Assert.Contains(after, l => l.Command!.Title == "1 warm environment");
        // The editor was asked to fetch lenses again when the environment appeared.
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref _client.CodeLensRefreshes) > 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task HandlerFilesGetACodeLensOnTheExportedHandler()
    {
        var javascript = _workspace.PathOf("functions/node-cjs/index.js");
        var jsLines = File.ReadAllLines(javascript);
        var jsLens = (await CodeLensesAsync(javascript)).First();
        Assert.Contains("handler", jsLines[jsLens.Range.Start.Line]);
        Assert.Equal("handler", jsLines[jsLens.Range.Start.Line][jsLens.Range.Start.Character..jsLens.Range.End.Character]);
        Assert.Equal("NodeCjsFunction", jsLens.Command!.Arguments![0].GetProperty("functionName").GetString());

        var python = _workspace.PathOf("functions/python/app.py");
        var pyLens = (await CodeLensesAsync(python)).First();
        Assert.StartsWith("def handler", File.ReadAllLines(python)[pyLens.Range.Start.Line]);

        // An unsaved buffer counts: move the handler down two lines.
        await OpenAsync(python, "\n\n" + File.ReadAllText(python), "python");
        Assert.Equal(pyLens.Range.Start.Line + 2, (await CodeLensesAsync(python)).First().Range.Start.Line);

        Assert.Empty(await CodeLensesAsync(_workspace.PathOf("functions/shell/bootstrap")));

        // Ruby's def, Java's and C#'s handler methods (a Java source by its package under the code folder; C# among the project's files).
        foreach (var (file, function, method) in new[]
        {
            ("functions/ruby/app.rb", "RubyFunction", "handler"),
            ("functions/java/src/sample/Handler.java", "JavaFunction", "handleRequest"),
            ("functions/dotnet/Function.cs", "DotnetFunction", "Handler"),
        })
        {
            var path = _workspace.PathOf(file);
            var lens = (await CodeLensesAsync(path)).First();
            var line = File.ReadAllLines(path)[lens.Range.Start.Line];
            Assert.Equal(method, line[lens.Range.Start.Character..lens.Range.End.Character]);
            Assert.Equal(function, lens.Command!.Arguments![0].GetProperty("functionName").GetString());
        }
        Assert.Empty(await CodeLensesAsync(_workspace.PathOf("functions/java/src/com/amazonaws/services/lambda/runtime/Context.java")));
    }

    [Fact]
    public async Task LambdaMethodsShareTheConnectionAndUnknownCommandsAreParamErrors()
    {
        var info = await _client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo);
        Assert.Equal(_backend.Pid, info.ProcessId);
        Assert.Equal(10, (await _client.CallAsync<FunctionListResult>(ProtocolMethods.FunctionsList)).Functions.Count);
        Assert.Equal(ProtocolErrorCodes.InvalidParams, await RpcClient.ErrorCodeOfAsync(() =>
            _client.CallAsync<object>(LspMethods.ExecuteCommand, new ExecuteCommandParams { Command = "lambda.nothing" })));
    }

    [Fact]
    public async Task ShutdownThenExitEndsTheStdioBackend()
    {
        await _client.CallAsync<object>(LspMethods.Shutdown);
        await _client.Rpc.NotifyAsync(LspMethods.Exit);
        Assert.True(await _backend.WaitForExitAsync(TimeSpan.FromSeconds(15)), _backend.Log);
        Assert.Equal(0, _backend.Process.ExitCode);
    }
}
