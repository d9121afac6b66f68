using System.Management.Automation;
using DevTools.PowerShell.Backend;
using DevTools.PowerShell.Completion;
using DevTools.Protocol;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the template's HTTP routes (API Gateway REST and HTTP APIs) and function URLs, with the local URL of each.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "LocalApiRoute")]
[OutputType(typeof(LocalApiRoute))]
public sealed class GetLocalApiRouteCommand : DevToolsCmdlet
{
    /// <summary>Only the routes of these functions: logical ids or function names; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string[]? FunctionName { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var connection = Connect(templatePath);
        ApiRoutesResult routes = new();
        FunctionListResult functions = new();
        if (!Try(() =>
            {
                routes = Call(connection.Client.ListApiRoutesAsync);
                if (FunctionName is { Length: > 0 }) functions = connection.Functions(refresh: true, CancelToken);
            }, templatePath)) return;
        if (!routes.Serving && routes.Routes.Count > 0) WriteWarning(NotServed(connection) + " Their Url is empty.");

        var matched = new HashSet<string>();
        foreach (var route in routes.Routes)
        {
            if (FunctionName is { Length: > 0 } && !Selected(route.FunctionId, functions, matched)) continue;
            WriteObject(new LocalApiRoute
            {
                Method = route.Method,
                Path = route.Path,
                Url = route.Url,
                FunctionId = route.FunctionId,
                Api = route.Api,
                Kind = route.Kind,
                PayloadFormatVersion = route.PayloadFormatVersion,
                RouteKey = route.RouteKey,
                TemplatePath = templatePath,
            });
        }
        // A function with no route is no error (it has none); a name that is no function of the template is.
        foreach (var name in FunctionName ?? [])
            if (!matched.Contains(name) && !WildcardPattern.ContainsWildcardCharacters(name) && !functions.Functions.Any(f => Named(f, name)))
                WriteError(new ErrorRecord(new ItemNotFoundException($"No function {name} in {templatePath}. Functions: {string.Join(", ", functions.Functions.Select(f => f.LogicalId))}."),
                    "ResourceNotFoundException", ErrorCategory.ObjectNotFound, name));
    }

    /// <summary>Why the routes have no URL, and what to do: shared with Invoke-LocalApi.</summary>
    internal static string NotServed(BackendConnection connection) =>
        $"The backend of this folder (pid {connection.Info.ProcessId}) does not serve the template's API: it was started without --api-port " +
        "(by devtools serve, or by VS Code with the setting devtools.apiPort empty). Stop it (Stop-LocalBackend); the next command starts one that serves it.";

    private bool Selected(string functionId, FunctionListResult functions, HashSet<string> matched)
    {
        var function = functions.Functions.FirstOrDefault(f => f.LogicalId == functionId);
        var any = false;
        foreach (var name in FunctionName!)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            if (pattern.IsMatch(functionId) || (function is not null && pattern.IsMatch(function.FunctionName)))
            {
                matched.Add(name);
                any = true;
            }
        }
        return any;
    }

    private static bool Named(FunctionDescription f, string name) =>
        string.Equals(f.LogicalId, name, StringComparison.OrdinalIgnoreCase) || string.Equals(f.FunctionName, name, StringComparison.OrdinalIgnoreCase);
}
