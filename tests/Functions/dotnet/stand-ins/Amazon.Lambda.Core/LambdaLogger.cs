namespace Amazon.Lambda.Core;

/// <summary>
/// Stand-in of Amazon.Lambda.Core's static LambdaLogger: it writes to the console until the runtime sets its private
/// delegate fields (same names and types as the package's).
/// </summary>
public static class LambdaLogger
{
    private static Action<string> _loggingAction = message => Console.Write(message);
    private static Action<string, string, object[]> _loggingWithLevelAction = (level, message, args) => Console.WriteLine($"{level}: {message}");
    private static Action<string, Exception, string, object[]> _loggingWithLevelAndExceptionAction = (level, exception, message, args) => Console.WriteLine($"{level}: {message} {exception}");

    public static void Log(string message) => _loggingAction(message);
    public static void Log(string level, string message, params object[] args) => _loggingWithLevelAction(level, message, args);
    public static void Log(LogLevel level, string message, params object[] args) => _loggingWithLevelAction(level.ToString(), message, args);
    public static void Log(string level, Exception exception, string message, params object[] args) => _loggingWithLevelAndExceptionAction(level, exception, message, args);
}
