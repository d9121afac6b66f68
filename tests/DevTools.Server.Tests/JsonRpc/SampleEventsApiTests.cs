using System.Text.Json;
using DevTools.Protocol;
using DevTools.Tests.Shared;
using StreamJsonRpc;

namespace DevTools.Server.Tests.JsonRpc;

/// <summary>
/// <c>lambda/events/samples</c> and <c>lambda/events/generate</c> over the workspace socket of a real <c>devtools serve</c>
/// started with its own region: the defaults are that engine's, and a generated event invokes a function as it is.
/// </summary>
public sealed class SampleEventsApiTests : IAsyncLifetime
{
    private readonly BackendWorkspace _workspace = new();
    private BackendProcess _backend = null!;

    public async Task InitializeAsync() => _backend = await BackendProcess.StartAsync(_workspace.TemplatePath, "--region", "eu-north-1", "--idle-timeout", "60");

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task SamplesListsEveryEventWithItsFlagsAndThisEnginesDefaults()
    {
        await using var client = await RpcClient.ConnectAsync(_backend.SocketPath!);
        var list = await client.CallAsync<SampleEventListResult>(ProtocolMethods.EventsSamples);

        Assert.Equal(14, list.Samples.Count);
        var put = Assert.Single(list.Samples, s => s.Id == "s3-put");
        Assert.Equal(("s3", "put", "S3 put"), (put.Service, put.Name, put.Title));
        Assert.NotEmpty(put.Description);
        Assert.Equal(["bucket", "key", "size", "region"], put.Flags.Select(f => f.Name));
        Assert.Equal("example-bucket", put.Flags[0].Default);
        Assert.Equal("eu-north-1", put.Flags.Single(f => f.Name == "region").Default);
        Assert.All(put.Flags, f => Assert.NotEmpty(f.Description));
        var method = list.Samples.Single(s => s.Id == "apigateway-aws-proxy").Flags.Single(f => f.Name == "method");
        Assert.Contains("DELETE", method.Choices!);
        Assert.Null(put.Flags[0].Choices);
        Assert.Contains("events.samples", (await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo)).Capabilities);
    }

    [Fact]
    public async Task GenerateAppliesTheValuesInThisEnginesRegionAndTheEventInvokesAFunction()
    {
        await using var client = await RpcClient.ConnectAsync(_backend.SocketPath!);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var generated = await client.CallAsync<SampleEventGenerateResult>(ProtocolMethods.EventsGenerate,
            new SampleEventGenerateParams { Id = "sqs-receive-message", Values = new() { ["queueName"] = "jobs", ["body"] = """{"id":1}""" } });

        Assert.Equal("sqs-receive-message", generated.Id);
        var record = JsonDocument.Parse(generated.Event).RootElement.GetProperty("Records")[0];
        Assert.Equal("arn:aws:sqs:eu-north-1:123456789012:jobs", record.GetProperty("eventSourceARN").GetString());
        var sent = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(record.GetProperty("attributes").GetProperty("SentTimestamp").GetString()!));
        Assert.InRange(sent, before, DateTimeOffset.UtcNow.AddSeconds(1));

        var invoked = await client.InvokeAsync("Python", generated.Event);
        Assert.Null(invoked.FunctionError);
        var received = JsonDocument.Parse(invoked.Payload!).RootElement.GetProperty("event").GetProperty("Records")[0];
        Assert.Equal("""{"id":1}""", received.GetProperty("body").GetString());
        Assert.Equal(record.GetProperty("md5OfBody").GetString(), received.GetProperty("md5OfBody").GetString());
    }

    [Fact]
    public async Task AnUnknownSampleFlagOrValueIsInvalidParamsAndTheBackendStaysUp()
    {
        await using var client = await RpcClient.ConnectAsync(_backend.SocketPath!);

        await AssertInvalidParams(client, new SampleEventGenerateParams { Id = "s3-get" }, "No sample event 's3-get'. Sample events: apigateway-aws-proxy");
        await AssertInvalidParams(client, new SampleEventGenerateParams { Id = "s3-put", Values = new() { ["colour"] = "red" } }, "S3 put has no flag 'colour'. Its flags: bucket, key, size, region.");
        await AssertInvalidParams(client, new SampleEventGenerateParams { Id = "s3-put", Values = new() { ["size"] = "big" } }, "size must be a whole number");
        await AssertInvalidParams(client, new { }, "id is required");
        await AssertInvalidParams(client, new { id = new { } }, "Invalid params");
        await AssertInvalidParams(client, new { id = "s3-put", values = new[] { 1 } }, "Invalid params");

        Assert.Equal(_backend.Pid, (await client.CallAsync<EngineInfo>(ProtocolMethods.EngineInfo)).ProcessId);
    }

    private static async Task AssertInvalidParams(RpcClient client, object parameters, string message)
    {
        var call = () => client.CallAsync<SampleEventGenerateResult>(ProtocolMethods.EventsGenerate, parameters);
        Assert.Equal(ProtocolErrorCodes.InvalidParams, await RpcClient.ErrorCodeOfAsync(call));
        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(call);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }
}
