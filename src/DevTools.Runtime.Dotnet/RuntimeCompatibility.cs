using System.Reflection;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// Says plainly when the function is built for a newer .NET than the one running it (the engine checks the function's
/// runtimeconfig.json before starting; this catches an assembly without one), instead of a type-load failure later.
/// </summary>
internal static class RuntimeCompatibility
{
    public static void Check(Assembly assembly)
    {
        var needed = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "System.Runtime");
        if (needed?.Version is not { } version || version.Major <= Environment.Version.Major) return;
        throw new LambdaValidationException(
            $"'{assembly.GetName().Name}' is built for .NET {version.Major}.{version.Minor} (it references System.Runtime {version}), newer than the .NET {Environment.Version} that runs it: " +
            $"install .NET {version.Major} (https://dotnet.microsoft.com/download) or build the function for net{Environment.Version.Major}.0.");
    }
}
