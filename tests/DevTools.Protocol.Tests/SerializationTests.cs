using System.Text.Json;
using DevTools.Protocol.Lsp;
using DevTools.Protocol.Transport;

namespace DevTools.Protocol.Tests;

/// <summary>The wire shape: camelCase, nulls left out, plain classes System.Text.Json round-trips.</summary>
public sealed class SerializationTests
{
    private static readonly JsonSerializerOptions Options = ProtocolJson.CreateSerializerOptions();

    [Fact]
    public void InvokeParamsAreCamelCaseWithoutNulls()
    {
        var json = JsonSerializer.Serialize(new InvokeParams { FunctionName = "Probe", Payload = "{}", LogTail = true }, Options);
        Assert.Equal("""{"functionName":"Probe","payload":"{}","logTail":true}""", json);
    }

    [Fact]
    public void ResponsesRoundTrip()
    {
        var response = new InvokeResponse
        {
            RequestId = "r1", FunctionName = "Probe", StatusCode = 200, Payload = "{\"ok\":true}", ColdStart = true, EnvironmentId = "e1",
            ExecutedVersion = "$LATEST", Metrics = new InvokeMetricsInfo { DurationMs = 1.5, BilledDurationMs = 120, InitDurationMs = 118.2, MaxMemoryUsedMb = 40, MemorySizeMb = 256 },
        };
        var back = JsonSerializer.Deserialize<InvokeResponse>(JsonSerializer.Serialize(response, Options), Options)!;
        Assert.Equal(118.2, back.Metrics!.InitDurationMs);
        Assert.True(back.ColdStart);
        Assert.Equal("{\"ok\":true}", back.Payload);
    }

    [Fact]
    public void EventNotificationsCarryTheRecordAsJson()
    {
        var json = """{"time":"2026-01-01T00:00:00.000Z","type":"platform.start","functionName":"Probe","requestId":"r1","text":"START RequestId: r1 Version: $LATEST","record":{"requestId":"r1","version":"$LATEST"}}""";
        var notification = JsonSerializer.Deserialize<LifecycleEventNotification>(json, Options)!;
        Assert.Equal("$LATEST", notification.Record.GetProperty("version").GetString());
        Assert.Null(notification.EnvironmentId);
    }

    [Fact]
    public void LspCommandsSerializeTheCommandProperty()
    {
        var lens = new CodeLens { Command = new LspCommand { Title = "▶ Invoke locally", Command = LspCommands.Invoke } };
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(lens, Options));
        Assert.Equal("lambda.invoke", document.RootElement.GetProperty("command").GetProperty("command").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }
}
