namespace DevTools.Engine.Runtimes;

/// <summary>What runs a runtime family's processes on this machine (Node.js, Python, a JDK, Ruby) and its version.</summary>
/// <param name="Name">e.g. <c>JDK</c>, <c>Ruby</c>.</param>
/// <param name="Version">e.g. <c>17.0.15</c>.</param>
/// <param name="Executable">The program the runtime process starts (full path).</param>
/// <param name="Vendor">Who built it, when it says (a JDK's implementor: Debian, Eclipse Adoptium).</param>
public sealed record Toolchain(string Name, string Version, string Executable, string? Vendor = null)
{
    /// <summary>As <c>INIT_START</c> and <c>devtools doctor</c> name it: <c>Debian JDK 17.0.15</c>, <c>Ruby 3.1.2</c>.</summary>
    public override string ToString() => Vendor is null ? $"{Name} {Version}" : $"{Vendor} {Name} {Version}";
}
