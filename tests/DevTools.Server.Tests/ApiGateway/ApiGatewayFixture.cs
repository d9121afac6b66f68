using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Server.ApiGateway;
using DevTools.Tests.Shared;

namespace DevTools.Server.Tests.ApiGateway;

/// <summary>A real engine over tests/Functions/api with its API routes and function URL served on free loopback ports.</summary>
public sealed class ApiGatewayFixture : IAsyncLifetime
{
    public static string TemplateDirectory => Path.Combine(TestFunctions.FunctionsDirectory, "api");

    public TestEngine Test { get; private set; } = null!;
    public ApiGatewayServer Server { get; private set; } = null!;

    public string Url(string path) => new Uri(Server.Address, path).AbsoluteUri;

    public string FunctionUrl(string path) => new Uri(new Uri(Server.Served.Single(r => r.Kind == "URL").Url!), path).AbsoluteUri;

    public async Task InitializeAsync()
    {
        Test = new TestEngine(TemplateLoader.Load(TemplateDirectory, new TemplateOptions()));
        Server = ApiGatewayServer.Start(Test.Engine, port: 0, urlPort: 0);
        // Warm both functions once, so the tests' timings are not cold starts.
        await Curl.RunAsync(Url("/items/1"));
        await Curl.RunAsync(Url("/v2/items/1"));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Test.DisposeAsync();
    }

    /// <summary>Serves another template of tests/Functions/api for the length of a test.</summary>
    public static async Task<(TestEngine Test, ApiGatewayServer Server)> ServeAsync(string file)
    {
        var test = new TestEngine(TemplateLoader.Load(Path.Combine(TemplateDirectory, file), new TemplateOptions()));
        return await Task.FromResult((test, ApiGatewayServer.Start(test.Engine, port: 0, urlPort: 0)));
    }
}
