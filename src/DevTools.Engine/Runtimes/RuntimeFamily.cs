namespace DevTools.Engine.Runtimes;

/// <summary>How a runtime's process is started.</summary>
public enum RuntimeFamily
{
    /// <summary>OS-only runtimes: the code directory's <c>bootstrap</c> is executed.</summary>
    Provided,
    /// <summary>Node.js, run by the bundled JavaScript runtime client.</summary>
    Node,
    /// <summary>Python, run by the bundled Python runtime client.</summary>
    Python,
    /// <summary>.NET (class-library handlers), run by the bundled .NET runtime client on the machine's .NET.</summary>
    Dotnet,
    /// <summary>Java, run by the bundled Java runtime client on the machine's JDK.</summary>
    Java,
    /// <summary>Ruby, run by the bundled Ruby runtime client on the machine's Ruby.</summary>
    Ruby,
    /// <summary>A runtime Lambda knows but this engine cannot run locally (none today).</summary>
    Unsupported,
}
