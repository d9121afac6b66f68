using DevTools.Engine.Build;
using DevTools.Engine.Catalog;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Runtimes.Ruby;

/// <summary>Starts a ruby* runtime: the machine's Ruby running our runtime client (the <c>.rb</c> files beside this one).</summary>
internal static class RubyLauncher
{
    public static ProcessStartSpec CreateSpec(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment, EngineOptions options)
    {
        var ruby = ToolRun.FindOnPath(options.RubyExecutable)
            ?? throw new LaunchException("Runtime.InvalidEntrypoint", Toolchains.MissingMessage(function.RuntimeDefinition!));
        return new ProcessStartSpec(ruby, [Path.Combine(RuntimeLauncher.RuntimeClientsDirectory, "ruby", "bootstrap.rb")], function.CodeDirectory, environment);
    }
}
