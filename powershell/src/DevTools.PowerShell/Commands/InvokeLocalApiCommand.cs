using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Text;
using DevTools.PowerShell.Completion;
using DevTools.PowerShell.Json;
using DevTools.Protocol;
using DevTools.Protocol.Routing;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Sends an HTTP request to the template's API (or a function URL) as the workspace's backend serves it.</para>
/// A real request over loopback, through API Gateway's local front end: route, authorizer, event, invoke, response
/// mapping. Whatever the API answers (a 404 of the function's, a 502 of API Gateway's) is the result, not an error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "LocalApi")]
[OutputType(typeof(LocalApiResponse))]
public sealed class InvokeLocalApiCommand : DevToolsCmdlet
{
    private const string DefaultRouteKey = "$default";

    // Loopback only: no proxy, redirects and cookies left to the caller, no time limit of its own (API Gateway's
    // integration timeout ends a slow route, Ctrl+C the wait).
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The request's path, and its query if any: <c>/items/5?mode=echo</c>. No stage: local URLs have none.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")]
    public string Method { get; set; } = "GET";

    /// <summary>Text (sent as is), bytes, or any other object (converted to JSON).</summary>
    [Parameter]
    [AllowNull]
    public object? Body { get; set; }

    /// <summary>Request headers; a value may be a list (the header repeats).</summary>
    [Parameter]
    public IDictionary? Headers { get; set; }

    /// <summary>Call this function's URL instead of the API routes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string? FunctionUrl { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        var method = Method.ToUpperInvariant();
        var queryStart = Path.IndexOf('?');
        var path = queryStart < 0 ? Path : Path[..queryStart];
        if (!path.StartsWith('/')) path = "/" + path;
        var query = queryStart < 0 ? "" : Path[queryStart..];
        var target = method + " " + path;

        byte[]? body;
        string? contentType;
        try { (body, contentType) = Encode(Body); }
        catch (PayloadConversionException e)
        {
            WriteFailure(e, Body);
            return;
        }

        var connection = Connect(templatePath);
        ApiRoutesResult routes = new();
        FunctionListResult functions = new();
        if (!Try(() =>
            {
                routes = Call(connection.Client.ListApiRoutesAsync);
                if (FunctionUrl is not null) functions = connection.Functions(refresh: false, CancelToken);
            }, templatePath)) return;
        if (!routes.Serving)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(GetLocalApiRouteCommand.NotServed(connection)), "ApiNotServed", ErrorCategory.ResourceUnavailable, target));
            return;
        }

        var route = FunctionUrl is null ? RouteFor(routes, method, path) : UrlOf(routes, functions, FunctionUrl);
        if (route?.Url is null)
        {
            WriteError(FunctionUrl is null ? NoRoute(routes, target, templatePath) : NoFunctionUrl(routes, templatePath));
            return;
        }

        var url = new Uri(new Uri(route.Url).GetLeftPart(UriPartial.Authority) + path + query);
        WriteVerbose($"{method} {url}{(body is null ? "" : $" ({body.Length} bytes)")} on backend pid {connection.Info.ProcessId}.");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new ByteArrayContent(body);
        if (AddHeaders(request, contentType) is { } refused)
        {
            WriteError(new ErrorRecord(new ArgumentException($"The header {refused} cannot be sent (a reserved or malformed name or value).", nameof(Headers)),
                "InvalidHeader", ErrorCategory.InvalidArgument, refused));
            return;
        }

        LocalApiResponse? response = null;
        if (Try(() => response = Send(request, templatePath), target)) WriteObject(response);
    }

    private LocalApiResponse Send(HttpRequestMessage request, string templatePath)
    {
        var clock = Stopwatch.StartNew();
        using var response = Http.Send(request, HttpCompletionOption.ResponseContentRead, CancelToken);
        var text = Encoding.UTF8.GetString(response.Content.ReadAsByteArrayAsync(CancelToken).GetAwaiter().GetResult());
        return new LocalApiResponse
        {
            StatusCode = (int)response.StatusCode,
            Headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.SelectMany(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase),
            Body = text,
            Json = IsJson(response.Content.Headers.ContentType) && JsonToPowerShell.TryParse(text, out var json) ? json : null,
            Method = request.Method.Method,
            Url = request.RequestUri!.ToString(),
            DurationMs = clock.Elapsed.TotalMilliseconds,
            TemplatePath = templatePath,
        };
    }

    /// <summary>The body's bytes and its default Content-Type: bytes as they are, anything else as JSON text (a string is the text).</summary>
    private static (byte[]? Body, string? ContentType) Encode(object? body) => (body is PSObject ps ? ps.BaseObject : body) switch
    {
        null => (null, null),
        byte[] bytes => (bytes, "application/octet-stream"),
        _ => (Encoding.UTF8.GetBytes(PayloadConverter.ToJson(body)), "application/json"),
    };

    /// <summary>An API route that takes the request, by the rule the backend routes with; OPTIONS fits any route of the path (a CORS preflight).</summary>
    private static ApiRouteDescription? RouteFor(ApiRoutesResult routes, string method, string path)
    {
        var segments = RoutePath.SegmentsOf(path);
        return routes.Routes.FirstOrDefault(r => r.Kind != "URL"
            && (r.Method == "ANY" || r.Method == method || method == "OPTIONS")
            && (r.RouteKey == DefaultRouteKey || RoutePath.Parse(r.Path).Fits(segments)));
    }

    private static ApiRouteDescription? UrlOf(ApiRoutesResult routes, FunctionListResult functions, string name)
    {
        var function = functions.Functions.FirstOrDefault(f =>
            string.Equals(f.LogicalId, name, StringComparison.OrdinalIgnoreCase) || string.Equals(f.FunctionName, name, StringComparison.OrdinalIgnoreCase));
        var logicalId = function?.LogicalId ?? name;
        return routes.Routes.FirstOrDefault(r => r.Kind == "URL" && r.FunctionId == logicalId);
    }

    /// <summary>Adds -Headers, then the body's default Content-Type unless they set one; returns the name of a header that cannot be sent.</summary>
    private string? AddHeaders(HttpRequestMessage request, string? contentType)
    {
        foreach (DictionaryEntry header in Headers ?? new Hashtable())
        {
            var name = header.Key.ToString()!;
            var values = (header.Value is PSObject ps ? ps.BaseObject : header.Value) is IEnumerable list and not string
                ? list.Cast<object?>().Select(v => v?.ToString() ?? "").ToArray()
                : [header.Value?.ToString() ?? ""];
            try
            {
                if (request.Headers.TryAddWithoutValidation(name, values)) continue;
                request.Content ??= new ByteArrayContent([]); // a content header (Content-Type) on a request without a body
                request.Content.Headers.Remove(name);
                if (!request.Content.Headers.TryAddWithoutValidation(name, values)) return name;
            }
            catch (FormatException)
            {
                return name; // not a header name at all
            }
        }
        if (request.Content is { Headers.ContentType: null } && contentType is not null)
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return null;
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ErrorRecord NoRoute(ApiRoutesResult routes, string target, string templatePath)
    {
        var keys = routes.Routes.Where(r => r.Kind != "URL").Select(r => r.RouteKey).Distinct().ToList();
        var urls = routes.Routes.Where(r => r.Kind == "URL").Select(r => r.FunctionId).ToList();
        var message = (keys.Count == 0 ? $"{templatePath} declares no API route." : $"No route of {templatePath} takes {target}. Routes: {string.Join(", ", keys)}.")
            + (urls.Count == 0 ? "" : $" Function URLs (-FunctionUrl): {string.Join(", ", urls)}.");
        return new ErrorRecord(new ItemNotFoundException(message), "RouteNotFound", ErrorCategory.ObjectNotFound, target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Get-LocalApiRoute lists the template's routes." },
        };
    }

    private ErrorRecord NoFunctionUrl(ApiRoutesResult routes, string templatePath)
    {
        var urls = routes.Routes.Where(r => r.Kind == "URL").Select(r => r.FunctionId).ToList();
        var message = $"No function of {templatePath} named {FunctionUrl} has a URL (FunctionUrlConfig). " +
            (urls.Count == 0 ? "None has." : $"Functions with one: {string.Join(", ", urls)}.");
        return new ErrorRecord(new ItemNotFoundException(message), "FunctionUrlNotFound", ErrorCategory.ObjectNotFound, FunctionUrl);
    }
}
