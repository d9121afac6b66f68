using System.Security.Cryptography;
using System.Text;
using DevTools.Protocol.Transport;

namespace DevTools.Protocol.Tests;

/// <summary>Every client must derive the same socket from the workspace path alone.</summary>
public sealed class WorkspaceEndpointTests
{
    [Fact]
    public void TheSocketIsNamedAfterTheHashOfTheWorkspacesFullPath()
    {
        var endpoint = WorkspaceEndpoint.For("/srv/projects/orders", "/run/user/1000/lambda-devtools");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("/srv/projects/orders")))[..16];
        Assert.Equal(expected, endpoint.Key);
        Assert.Equal($"/run/user/1000/lambda-devtools/{expected}.sock", endpoint.SocketPath);
        Assert.Equal($"/run/user/1000/lambda-devtools/{expected}.lock", endpoint.LockPath);
        Assert.Equal("unix:" + endpoint.SocketPath, endpoint.Address);
    }

    [Theory]
    [InlineData("/srv/projects/orders/")]
    [InlineData("/srv/projects/./orders")]
    [InlineData("/srv/projects/other/../orders")]
    public void SpellingsOfOnePathShareOneSocket(string spelling)
    {
        Assert.Equal(WorkspaceEndpoint.For("/srv/projects/orders").SocketPath, WorkspaceEndpoint.For(spelling).SocketPath);
    }

    [Fact]
    public void OtherWorkspacesGetOtherSockets()
    {
        Assert.NotEqual(WorkspaceEndpoint.For("/srv/a").SocketPath, WorkspaceEndpoint.For("/srv/b").SocketPath);
    }

    [Fact]
    public void TheDirectoryIsPerUser()
    {
        var directory = WorkspaceEndpoint.DefaultRuntimeDirectory();
        var xdg = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(xdg)) Assert.Equal(Path.Combine(xdg, "lambda-devtools"), directory);
        else Assert.Matches(@"lambda-devtools-\d+$", directory);
    }

    [Fact]
    public async Task NothingAnswersWhereNoBackendListens()
    {
        var endpoint = WorkspaceEndpoint.For(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));
        Assert.Null(await endpoint.TryConnectAsync());
    }
}
