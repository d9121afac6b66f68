namespace Amazon.Lambda.Core;

/// <summary>Stand-in of Amazon.Lambda.Core's LogLevel.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}
