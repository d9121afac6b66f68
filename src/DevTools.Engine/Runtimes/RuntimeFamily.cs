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
    /// <summary>A runtime Lambda knows but this engine cannot run locally (Java, .NET, Ruby).</summary>
    Unsupported,
}
