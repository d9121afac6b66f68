using System.Net;
using System.Net.Sockets;

namespace DevTools.Engine.Catalog;

/// <summary><c>Fn::Cidr</c> for IPv4: split a block into <c>count</c> subnets with <c>bits</c> host bits each.</summary>
internal static class CidrBlock
{
    /// <returns>The subnets, or null when the input is not an IPv4 block that can hold them.</returns>
    public static IReadOnlyList<string>? Split(string block, int count, int hostBits)
    {
        var slash = block.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(block[..slash], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(block[(slash + 1)..], out var prefix) || prefix is < 0 or > 32)
            return null;
        var subnetPrefix = 32 - hostBits;
        if (count < 1 || hostBits is < 0 or > 32 || subnetPrefix < prefix || (long)count > 1L << (subnetPrefix - prefix))
            return null;

        var bytes = address.GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        start &= prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var size = 1UL << hostBits;
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var network = (uint)(start + (ulong)i * size);
            result.Add($"{network >> 24}.{(network >> 16) & 0xFF}.{(network >> 8) & 0xFF}.{network & 0xFF}/{subnetPrefix}");
        }
        return result;
    }
}
