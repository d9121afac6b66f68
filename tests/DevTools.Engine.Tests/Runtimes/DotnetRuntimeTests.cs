using System.Text;
using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.Runtimes.Dotnet;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>
/// The dotnet8 and dotnet10 runtimes: the bundled .NET runtime client over the real Runtime API, on this machine's .NET.
/// The functions (tests/Functions/dotnet) are published by the test build; the Handlers function uses stand-ins of
/// Amazon.Lambda.Core and Amazon.Lambda.Serialization.SystemTextJson, StreamOnly uses nothing of AWS's.
/// </summary>
public sealed class DotnetRuntimeTests
{
    private static FunctionConfiguration Handlers(string type, string method, string runtime = "dotnet8", int timeoutSeconds = 10) =>
        TestFunctions.Managed("F", runtime, "dotnet/Handlers", $"Handlers::Handlers.{type}::{method}", timeoutSeconds);

    private static FunctionConfiguration StreamOnly(string method = "Handler", string folder = "dotnet/StreamOnly") =>
        TestFunctions.Managed("S", "dotnet10", folder, $"StreamOnly::StreamOnly.Function::{method}", timeoutSeconds: 10);

    private static DotnetToolchain Toolchain
    {
        get
        {
            var toolchain = DotnetToolchain.Find("dotnet");
            Assert.True(toolchain.Problem() is null, $"These tests need .NET 10 or later on PATH: {toolchain.Problem()}");
            return toolchain;
        }
    }

    [Fact]
    public async Task ANet8FunctionRunsColdThenWarmOnTheMachinesDotnet()
    {
        var toolchain = Toolchain;
        await using var test = new TestEngine(Handlers("Function", "Echo"));
        var first = await test.InvokeAsync("F", new { name = "one" });
        var second = await test.InvokeAsync("F", new { name = "two" });

        Assert.Null(first.FunctionError);
        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.Equal(first.EnvironmentId, second.EnvironmentId);
        var json = second.Json();
        Assert.Equal("two", json.GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("instances").GetInt32()); // one handler instance per environment, kept
        Assert.Equal(2, json.GetProperty("invocations").GetInt32());
        Assert.Equal(first.Json().GetProperty("loadedAt").GetInt64(), json.GetProperty("loadedAt").GetInt64());
        Assert.Equal(second.RequestId, json.GetProperty("requestId").GetString());

        // INIT_START names the .NET that ran it: the one the function itself sees (a net8.0 function, rolled forward).
        Assert.Equal(toolchain.Newest!.ToString(), json.GetProperty("version").GetString());
        var initStart = Assert.Single(test.Of<PlatformInitStart>());
        Assert.Equal($"dotnet8 (.NET {toolchain.Newest})", initStart.RuntimeVersion);
    }
}
