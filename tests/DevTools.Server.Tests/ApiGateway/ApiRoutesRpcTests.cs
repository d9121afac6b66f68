using DevTools.Protocol;
using DevTools.Server.Tests.JsonRpc;
using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.ApiGateway;

/// <summary><c>serve --api-port</c> and <c>lambda/api/routes</c> on a real backend process, over its workspace socket.</summary>
public sealed class ApiRoutesRpcTests
{
    [Fact]
    public async Task TheBackendServesTheRoutesAndListsThemWithTheirUrls()
    {
        var template = Path.Combine(ApiGatewayFixture.TemplateDirectory, "template.yaml");
        await using var backend = await BackendProcess.StartAsync(template, "--api-port", "0", "--idle-timeout", "60");
        await using var client = await RpcClient.ConnectAsync(backend.SocketPath!);

        var result = await client.CallAsync<ApiRoutesResult>(ProtocolMethods.ApiRoutes);
        Assert.True(result.Serving);
        var item = result.Routes.Single(r => r.RouteKey == "GET /items/{id}" && r.Api == "RestApi");
        Assert.Equal(("RestFunction", "REST", "1.0", "/items/{id}"), (item.FunctionId, item.Kind, item.PayloadFormatVersion, item.Path));
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/items/\{id\}$", item.Url);
        var url = result.Routes.Single(r => r.Kind == "URL");
        Assert.Equal(("HttpFunction", "ANY"), (url.FunctionId, url.Method));
        Assert.NotEqual(new Uri(item.Url!).Port, new Uri(url.Url!).Port); // a function URL has its own port
        Assert.Contains(backend.Log.Split('\n'), line => line.Contains("GET " + item.Url + " → RestFunction"));

        // The listed URL answers, through the backend's engine.
        var response = await Curl.RunAsync(item.Url!.Replace("{id}", "5"));
        Assert.Equal("5", response.Json().GetProperty("pathParameters").GetProperty("id").GetString());
    }
}
