using DevTools.Engine.Isolation.Network;

namespace DevTools.Engine.Tests.Isolation;

/// <summary>An environment with a network of its own cannot reach a resolver on the machine's loopback: its resolv.conf names slirp4netns's.</summary>
public sealed class NameResolutionTests
{
    [Fact]
    public void ALoopbackResolverIsReplacedBySlirpsAndTheRestIsKept()
    {
        var machine = "# systemd-resolved\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch corp.example\n";
        Assert.Equal("# systemd-resolved\nnameserver 10.0.2.3\noptions edns0 trust-ad\nsearch corp.example\n", NameResolution.ReachableResolvers(machine));
    }

    [Fact]
    public void SeveralLoopbackResolversBecomeOneAndOthersStay()
    {
        var machine = "nameserver 127.0.0.1\nnameserver ::1\nnameserver 192.0.2.53\n";
        Assert.Equal("nameserver 10.0.2.3\nnameserver 192.0.2.53\n", NameResolution.ReachableResolvers(machine));
    }

    [Fact]
    public void NoNameServerMeansLoopbackSoSlirpsIsNamed()
    {
        Assert.Equal("nameserver 10.0.2.3\nsearch corp.example\n", NameResolution.ReachableResolvers("search corp.example\n"));
    }

    [Fact]
    public void AResolverOutsideLoopbackIsReachedAsItIs()
    {
        Assert.Null(NameResolution.ReachableResolvers("nameserver 10.255.255.53\nnameserver 2001:db8::53\n"));
    }
}
