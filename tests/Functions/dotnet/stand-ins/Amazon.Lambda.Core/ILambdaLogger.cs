namespace Amazon.Lambda.Core;

/// <summary>Stand-in of Amazon.Lambda.Core's ILambdaLogger: the two original members and the level overloads with defaults.</summary>
public interface ILambdaLogger
{
    void Log(string message);
    void LogLine(string message);

    void Log(string level, string message) => LogLine(message);
    void Log(LogLevel level, string message) => Log(level.ToString(), message);
    void Log(string level, string message, params object[] args) => Log(level, message);
    void Log(string level, Exception exception, string message, params object[] args) => Log(level, message);

    void LogTrace(string message) => Log(LogLevel.Trace.ToString(), message);
    void LogDebug(string message) => Log(LogLevel.Debug.ToString(), message);
    void LogInformation(string message) => Log(LogLevel.Information.ToString(), message);
    void LogWarning(string message) => Log(LogLevel.Warning.ToString(), message);
    void LogError(string message) => Log(LogLevel.Error.ToString(), message);
    void LogCritical(string message) => Log(LogLevel.Critical.ToString(), message);
    void LogInformation(string message, params object[] args) => Log(LogLevel.Information.ToString(), message, args);
    void LogError(Exception exception, string message, params object[] args) => Log(LogLevel.Error.ToString(), exception, message, args);
}
