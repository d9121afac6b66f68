using System.CommandLine;
using System.Text.Json;
using DevTools.Engine.Catalog;

namespace DevTools.Cli.Commands;

/// <summary><c>devtools validate</c>: checks the template as Lambda would, with exact positions.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var template = new TemplateArguments();
        var command = new Command("validate", "Check the template: functions, runtimes, limits, intrinsic references.");
        template.AddTo(command);
        command.SetAction(parse =>
        {
            var templatePath = template.ResolveTemplatePath(parse, out var error);
            var options = template.TemplateOptions(parse, out var optionsError);
            if (templatePath is null || optionsError is not null)
            {
                Console.Error.WriteLine("Error: " + (error ?? optionsError));
                return 2;
            }
            var catalog = TemplateLoader.Load(templatePath, options);
            if (template.Json(parse)) WriteJson(catalog);
            else WriteText(catalog);
            return catalog.HasErrors ? 1 : 0;
        });
        return command;
    }

    private static void WriteText(FunctionCatalog catalog)
    {
        DiagnosticPrinter.Print(Console.Out, catalog.Diagnostics, DiagnosticSeverity.Information);
        foreach (var f in catalog.Functions)
            Console.Out.WriteLine($"{f.LogicalId}: {f.Runtime} {f.Handler} ({f.MemorySizeMb} MB, {f.TimeoutSeconds} s, /tmp {f.EphemeralStorageMb} MB)");
        var errors = catalog.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = catalog.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        Console.Out.WriteLine(errors == 0
            ? $"{Path.GetFileName(catalog.TemplatePath)} is valid: {catalog.Functions.Count} function(s), {warnings} warning(s)."
            : $"{Path.GetFileName(catalog.TemplatePath)} has {errors} error(s) and {warnings} warning(s).");
    }

    private static void WriteJson(FunctionCatalog catalog)
    {
        var document = new
        {
            template = catalog.TemplatePath,
            valid = !catalog.HasErrors,
            functions = catalog.Functions.Select(f => new
            {
                logicalId = f.LogicalId, functionName = f.FunctionName, runtime = f.Runtime, handler = f.Handler, codeUri = f.CodeDirectory,
                memorySize = f.MemorySizeMb, timeout = f.TimeoutSeconds, ephemeralStorage = f.EphemeralStorageMb,
                reservedConcurrentExecutions = f.ReservedConcurrentExecutions, environment = f.Environment,
            }),
            diagnostics = catalog.Diagnostics.Select(d => new
            {
                severity = d.Severity.ToString().ToLowerInvariant(), code = d.Code, message = d.Message,
                file = d.Location.File, line = d.Location.Line, column = d.Location.Column, functionId = d.FunctionId,
            }),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}
