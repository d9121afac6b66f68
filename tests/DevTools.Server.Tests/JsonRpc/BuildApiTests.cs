using DevTools.Protocol;
using DevTools.Protocol.Lsp;
using DevTools.Tests.Shared;
using StreamJsonRpc;

namespace DevTools.Server.Tests.JsonRpc;

/// <summary>
/// <c>lambda/build</c> over the workspace socket of a real <c>devtools serve</c>: progress as <c>build.*</c> events, the
/// result, the editor's "not installed" warning gone once built, and the function running with its build.
/// </summary>
public sealed class BuildApiTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "devtools-backend-tests", "build-" + Guid.NewGuid().ToString("N")[..12]);
    private BackendWorkspace _workspace = null!;
    private BackendProcess _backend = null!;

    public async Task InitializeAsync()
    {
        var code = Path.Combine(_root, "greeter");
        TestPackages.WriteGreeterFunction(code, _root);
        _workspace = new BackendWorkspace($"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Greeter:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  CodeUri: {code}
            """);
        _backend = await BackendProcess.StartAsync(_workspace.TemplatePath, "--idle-timeout", "60");
    }

    [Fact]
    public async Task BuildStreamsItsProgressThenTheFunctionRunsWithItsDependencies()
    {
        await using var client = await RpcClient.ConnectAsync(_backend.SocketPath!);
        await client.CallAsync<object>(ProtocolMethods.EventsSubscribe);
        await client.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = new Uri(_workspace.TemplatePath).AbsoluteUri, LanguageId = "yaml", Version = 1, Text = File.ReadAllText(_workspace.TemplatePath) },
        });
        await client.WaitForDiagnosticsAsync(d => d.Diagnostics.Any(x => x.Code == "DT3021"));

        var built = await client.CallAsync<BuildResult>(ProtocolMethods.Build, new BuildParams());

        Assert.True(built.Succeeded);
        var greeter = Assert.Single(built.Functions);
        Assert.Equal(("Greeter", BuildStatuses.Built), (greeter.LogicalId, greeter.Status));
        Assert.StartsWith("npm install --omit=dev", greeter.Command);
        Assert.True(Directory.Exists(Path.Combine(greeter.Directory!, "node_modules", "greet")));
        Assert.Contains(client.Events, e => e.Type == "build.started" && e.Text!.StartsWith("BUILD Greeter dependencies: npm install"));
        Assert.Contains(client.Events, e => e.Type == "build.finished" && e.Record.GetProperty("status").GetString() == "built");
        var republished = await client.WaitForDiagnosticsAsync(d => d.Diagnostics.Any(x => x.Code == "DT3023"));
        Assert.DoesNotContain(republished.Diagnostics, x => x.Code == "DT3021");

        var invoked = await client.InvokeAsync("Greeter", """{"name":"rpc"}""");
        Assert.Equal("\"hello rpc\"", invoked.Payload);
        var again = await client.CallAsync<BuildResult>(ProtocolMethods.Build, new BuildParams { Functions = ["Greeter"] });
        Assert.Equal(BuildStatuses.Reused, Assert.Single(again.Functions).Status);
    }

    [Fact]
    public async Task AnUnknownFunctionIsLambdasNotFoundAndTheBackendStaysUp()
    {
        await using var client = await RpcClient.ConnectAsync(_backend.SocketPath!);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.CallAsync<BuildResult>(ProtocolMethods.Build, new BuildParams { Functions = ["Nope"] }));
        Assert.Equal(ProtocolErrorCodes.LambdaServiceError, error.ErrorCode);
        Assert.Contains("Nope", error.Message);
        Assert.NotNull(await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo));
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        _workspace.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
