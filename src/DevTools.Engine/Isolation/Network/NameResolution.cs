using System.Net;

namespace DevTools.Engine.Isolation.Network;

/// <summary>
/// How names resolve in an environment with its own mount namespace. Its <c>/etc/hosts</c> is the machine's, plus
/// <c>sandbox.localdomain</c> on the environment's loopback, as in Lambda, and the machine's loopback as
/// <c>host.devtools.internal</c> (and <c>host.docker.internal</c>, the name SAM documents): a function reaches a service
/// on the developer's machine by one name, whether its environment has a network of its own (the name is then the
/// outbound link's gateway) or shares the machine's (then it is 127.0.0.1). In a network of its own, a resolver on the
/// machine's loopback (systemd-resolved's 127.0.0.53, say) is out of reach: its <c>/etc/resolv.conf</c> then names the
/// outbound link's resolver, which forwards to the machine's.
/// </summary>
public static class NameResolution
{
    /// <summary>The name extensions use for the environment's own loopback (Telemetry API listeners, the platform).</summary>
    public const string SandboxHost = "sandbox.localdomain";

    /// <summary>The names of the machine's loopback inside an environment.</summary>
    public static readonly IReadOnlyList<string> HostNames = ["host.devtools.internal", "host.docker.internal"];

    public const string HostsFile = "/etc/hosts";
    public const string ResolverFile = "/etc/resolv.conf";

    /// <summary>Files (written once in the environment's folder) to bind over the machine's, as (source, target).</summary>
    public static IEnumerable<(string Source, string Target)> Files(string directory, bool ownNetwork)
    {
        yield return (Write(Path.Combine(directory, "hosts"), () => Hosts(HostAddress(ownNetwork))), HostsFile);
        if (ownNetwork && File.Exists(ResolverFile) && ReachableResolvers(File.ReadAllText(ResolverFile)) is { } resolvers)
            yield return (Write(Path.Combine(directory, "resolv.conf"), () => resolvers), ResolverFile);
    }

    /// <summary>The address of the machine's loopback from inside an environment.</summary>
    public static string HostAddress(bool ownNetwork) => ownNetwork ? OutboundLink.HostGateway : "127.0.0.1";

    private static string Hosts(string hostAddress)
    {
        var machine = File.Exists(HostsFile) ? File.ReadAllText(HostsFile) : "127.0.0.1\tlocalhost\n";
        return machine.TrimEnd('\n') + $"\n127.0.0.1\t{SandboxHost}\n{hostAddress}\t{string.Join(' ', HostNames)}\n";
    }

    /// <summary>
    /// The machine's resolver configuration with its loopback name servers replaced by the outbound link's resolver
    /// (no name server at all means one on loopback); null when it needs no change.
    /// </summary>
    internal static string? ReachableResolvers(string machine)
    {
        var resolver = $"nameserver {OutboundLink.Resolver}";
        var lines = machine.TrimEnd('\n').Split('\n');
        var servers = lines.Select(ServerOf).OfType<IPAddress>().ToList();
        if (servers.Count > 0 && !servers.Any(IPAddress.IsLoopback)) return null;
        var reachable = new List<string>();
        foreach (var line in lines)
        {
            var kept = ServerOf(line) is { } server && IPAddress.IsLoopback(server) ? resolver : line;
            if (kept != resolver || !reachable.Contains(resolver)) reachable.Add(kept);
        }
        if (servers.Count == 0) reachable.Insert(0, resolver);
        return string.Join('\n', reachable) + "\n";
    }

    private static IPAddress? ServerOf(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is ["nameserver", var server, ..]
            && IPAddress.TryParse(server.Split('%')[0], out var address) ? address : null;

    private static string Write(string path, Func<string> content)
    {
        if (!File.Exists(path)) File.WriteAllText(path, content());
        return path;
    }
}
