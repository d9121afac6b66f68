using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary>What a local runner must never expose: listeners beyond loopback, its socket to other users, paths outside the workspace.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task EveryListenerOfTheBackendAndItsEnvironmentsIsOnLoopback()
    {
        using var workspace = new BackendWorkspace();
        await using var backend = await BackendProcess.StartAsync(workspace.TemplatePath, "--invoke-port", "0");
        using var http = new HttpClient { BaseAddress = new Uri(backend.InvokeApiAddress!) };
        // Two environments, so their Runtime API listeners exist too.
        var slow = http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{\"action\":\"sleep\",\"seconds\":0.5}"));
        await Task.Delay(200);
        var fast = await http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{}"));
        Assert.True(fast.IsSuccessStatusCode);

        var listening = ListeningAddresses(backend.Pid);
        await slow;
        Assert.True(listening.Count >= 3, "invoke API + 2 runtime APIs: " + string.Join(", ", listening));
        Assert.All(listening, address => Assert.True(address is "127.0.0.1" or "::1", $"listening on {address}"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a named pipe there, with its own ACL
    public async Task TheBackendSocketIsReachableOnlyByItsUser()
    {
        using var workspace = new BackendWorkspace();
        await using var backend = await BackendProcess.StartAsync(workspace.TemplatePath);
        var socket = backend.SocketPath!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket) & (UnixFileMode)0x1FF);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!) & (UnixFileMode)0x1FF);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2e%2e%2f%2e%2e%2ftemplate.yaml")]
    [InlineData("Probe%2F..%2F..%2F..")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:..%2F..%2Fbin%2Fsh")]
    public async Task FunctionNamesCannotEscapeTheWorkspace(string name)
    {
        using var workspace = new BackendWorkspace();
        await using var backend = await BackendProcess.StartAsync(workspace.TemplatePath, "--invoke-port", "0");
        using var http = new HttpClient { BaseAddress = new Uri(backend.InvokeApiAddress!) };
        var response = await http.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{}"));
        Assert.Equal(404, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("Function not found:", body.GetProperty("Message").GetString());
    }

    /// <summary>
    /// The local addresses of the process's listening TCP sockets (from /proc/PID/net/tcp and tcp6), in every network they
    /// are in: the machine's, and each environment's own where it has one (seen through its runtime, a child of the backend).
    /// </summary>
    private static List<string> ListeningAddresses(int pid)
    {
        var inodes = Directory.GetFiles($"/proc/{pid}/fd")
            .Select(fd => { try { return new FileInfo(fd).LinkTarget; } catch (IOException) { return null; } })
            .Where(t => t is not null && t.StartsWith("socket:[")).Select(t => t![8..^1]).ToHashSet();
        var networks = new[] { pid }.Concat(ChildrenOf(pid))
            .Select(p => (Pid: p, Network: LinkTarget($"/proc/{p}/ns/net"))).Where(p => p.Network is not null).DistinctBy(p => p.Network).Select(p => p.Pid);
        var addresses = new List<string>();
        foreach (var (file, v6) in networks.SelectMany(p => new[] { ($"/proc/{p}/net/tcp", false), ($"/proc/{p}/net/tcp6", true) }))
        {
            string[] lines;
            try { lines = File.ReadAllLines(file); }
            catch (IOException) { continue; } // that runtime has just exited
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f[3] != "0A" || !inodes.Contains(f[9])) continue; // 0A = LISTEN
                addresses.Add(Decode(f[1].Split(':')[0], v6));
            }
        }
        return addresses;
    }

    private static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == pid);

    private static int ParentOf(int pid)
    {
        try { return int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return 0; }
    }

    private static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string Decode(string hex, bool v6)
    {
        var bytes = Convert.FromHexString(hex);
        if (!v6) { Array.Reverse(bytes); return new System.Net.IPAddress(bytes).ToString(); }
        for (var i = 0; i < 16; i += 4) Array.Reverse(bytes, i, 4); // /proc prints each 32-bit word in host order
        var address = new System.Net.IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
