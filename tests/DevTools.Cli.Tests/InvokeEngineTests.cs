using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary><c>devtools invoke</c> runs its own engine, like <c>sam local invoke</c>, even when a workspace backend runs.</summary>
public sealed class InvokeEngineTests
{
    [Fact]
    public async Task InvokeNeverUsesTheWorkspaceBackendsEnvironments()
    {
        using var workspace = new BackendWorkspace();
        await using var backend = await BackendProcess.StartAsync(workspace.TemplatePath, "--invoke-port", "0");
        using var http = new HttpClient { BaseAddress = new Uri(backend.InvokeApiAddress!) };
        var warm = await http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{}"));
        Assert.True(warm.IsSuccessStatusCode);

        // A warm environment waits in the backend; the CLI's invoke still cold-starts one of its own.
        var result = await CliRunner.RunAsync(workspace.Root, null, "invoke", "Probe");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Init Duration:", result.Stderr);

        // The backend's environment is still warm for its next invoke: the CLI's engine did not touch it.
        using var tailed = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/Probe/invocations") { Content = new StringContent("{}") };
        tailed.Headers.Add("X-Amz-Log-Type", "Tail");
        var again = await http.SendAsync(tailed);
        Assert.True(again.IsSuccessStatusCode);
        var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(again.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.Contains("REPORT RequestId:", log);
        Assert.DoesNotContain("Init Duration", log);
    }
}
