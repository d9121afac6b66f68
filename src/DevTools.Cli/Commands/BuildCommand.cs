using System.CommandLine;
using DevTools.Cli.Rendering;
using DevTools.Engine;
using DevTools.Engine.Build;
using DevTools.Engine.Catalog;
using DevTools.Engine.Invocation;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools build</c>: what <c>sam build</c> does for a function's dependencies — npm or pip into a build folder per
/// function, reused until the manifest changes — plus the AWS SDK its runtime would carry. The code itself is not
/// copied: functions keep running from their source folder, with the build's dependencies on their module path.
/// </summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var template = new TemplateArguments();
        var functions = new Argument<string[]>("functions") { Description = "The functions to build (logical ids; default: every function).", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force") { Description = "Install again even when the manifest and lock file are unchanged since the last build." };
        var command = new Command("build", "Install each function's declared dependencies (package.json, requirements.txt) and the runtime SDK it imports.") { functions, force };
        template.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, template, functions, force, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TemplateArguments template, Argument<string[]> functionsArgument, Option<bool> forceOption, CancellationToken cancellationToken)
    {
        if (!template.TryResolve(parse, out var templatePath, out var templateOptions)) return 2;
        var catalog = TemplateLoader.Load(templatePath, templateOptions);
        DiagnosticPrinter.Print(Console.Error, catalog.Diagnostics, DiagnosticSeverity.Error, template.Json(parse));
        if (catalog.Functions.Count == 0)
        {
            Console.Error.WriteLine("Error: the template has no functions to build.");
            return 2;
        }

        await using var engine = new LambdaEngine(catalog, new EngineOptions { Region = templateOptions.Region, WatchCode = false });
        BuildReport report;
        await using (var writer = new LifecycleWriter(engine.Events, Console.Error, template.Json(parse)))
        {
            try
            {
                report = await engine.BuildAsync(parse.GetValue(functionsArgument), parse.GetValue(forceOption), cancellationToken);
            }
            catch (LambdaServiceException e)
            {
                await writer.FlushAsync();
                Console.Error.WriteLine($"Error: {e.ErrorType}: {e.Message}");
                return 2;
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
        }
        Print(report, Path.GetDirectoryName(catalog.TemplatePath)!);
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>A folder under the current one as a relative path; elsewhere (a .NET publish in the cache) in full.</summary>
    private static string Shown(string directory) =>
        Path.GetRelativePath(Directory.GetCurrentDirectory(), directory) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : directory;

    private static void Print(BuildReport report, string templateDirectory)
    {
        var width = report.Functions.Max(f => f.Function.LogicalId.Length);
        foreach (var f in report.Functions)
        {
            var where = f.Status is FunctionBuildOutcome.Built or FunctionBuildOutcome.Reused && f.Directory is not null
                ? Shown(f.Directory) : f.Message;
            var took = f.Status == FunctionBuildOutcome.Built ? $"{f.DurationMs / 1000:0.0} s" : "";
            Console.Out.WriteLine($"{f.Function.LogicalId.PadRight(width)}  {f.Status,-8} {took,7}  {where}");
        }
        foreach (var sdk in report.RuntimeSdks)
        {
            var name = sdk.Runtime == "nodejs" ? "AWS SDK for JavaScript" : "boto3";
            var detail = sdk.Message ?? $"{sdk.Version} ({string.Join(", ", sdk.Packages)})";
            Console.Out.WriteLine($"{name}: {sdk.Status} {detail}");
        }
        if (report.Functions.Any(f => f.Status is FunctionBuildOutcome.Built or FunctionBuildOutcome.Reused))
            Console.Out.WriteLine($"Functions run with these builds (in {Path.Combine(Path.GetRelativePath(Directory.GetCurrentDirectory(), templateDirectory), BuildFolder.Root)}) from their next cold start.");
    }
}
