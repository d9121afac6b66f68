using System.Reflection;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// Connects the function's own <c>Amazon.Lambda.Core.LambdaLogger</c> (the static logger) to the runtime's log, as AWS's
/// runtime does: by setting its private delegate fields when an assembly of that name loads.
/// </summary>
internal static class StaticLoggerBridge
{
    private const string CoreAssembly = "Amazon.Lambda.Core";
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;

    public static void Install()
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (e.LoadedAssembly.GetName().Name == CoreAssembly) Connect(e.LoadedAssembly);
        };
    }

    private static void Connect(Assembly core)
    {
        if (core.GetType("Amazon.Lambda.Core.LambdaLogger") is not { } logger) return;
        Set(logger, "_loggingAction", new Action<string>(message => LambdaLog.Write(LambdaLog.Information, message)));
        Set(logger, "_loggingWithLevelAction", new Action<string, string, object[]>((level, message, args) =>
            LambdaLog.Write(level, LambdaLog.Format(message, args))));
        Set(logger, "_loggingWithLevelAndExceptionAction", new Action<string, Exception, string, object[]>((level, exception, message, args) =>
            LambdaLog.Write(level, LambdaLog.Format(message, args), exception)));
    }

    /// <summary>Sets the field when this version of the library has it (older ones lack the level variants).</summary>
    private static void Set(Type logger, string name, Delegate action)
    {
        if (logger.GetField(name, Private) is { } field && field.FieldType == action.GetType()) field.SetValue(null, action);
    }
}
