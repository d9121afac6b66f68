using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// The function's own load context: its assembly and everything its <c>deps.json</c> lists (its own
/// <c>Amazon.Lambda.Core</c> included) load here, from its folder; the framework comes from the shared runtime.
/// </summary>
internal sealed class FunctionLoadContext(string mainAssemblyPath) : AssemblyLoadContext("function")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);
    private readonly string _directory = Path.GetDirectoryName(mainAssemblyPath)!;
    private static readonly string FrameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();

    protected override Assembly? Load(AssemblyName name)
    {
        var path = _resolver.ResolveAssemblyToPath(name);
        // Without a deps.json entry: a file of that name beside the function, unless the shared framework has it.
        if (path is null && name.Name is { } simple && !File.Exists(Path.Combine(FrameworkDirectory, simple + ".dll")))
        {
            var local = Path.Combine(_directory, simple + ".dll");
            if (File.Exists(local)) path = local;
        }
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
