using System.Diagnostics;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Catalog.Apis;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// What API Gateway and function URLs do with one request: CORS preflight, route (or URL), authorizer, the event of the
/// route's payload version, a normal invoke through the engine (same environments, same records) bounded by the
/// integration timeout, and the function's output mapped to the HTTP answer, or the front end's own error answer.
/// The request's <c>HTTP</c> line is published before its START, and its status after.
/// </summary>
internal sealed class ApiGatewayHandler
{
    private readonly LambdaEngine _engine;
    private readonly ApiGatewayContext _context;
    private readonly LambdaAuthorizer _authorizer;
    private (FunctionCatalog Catalog, RouteTable Table)? _routes;

    public ApiGatewayHandler(LambdaEngine engine)
    {
        _engine = engine;
        _context = new ApiGatewayContext(engine.Options);
        _authorizer = new LambdaAuthorizer(engine, _context);
    }

    /// <summary>The routes of the template as loaded now (rebuilt when the engine reloads it).</summary>
    public RouteTable Routes
    {
        get
        {
            var catalog = _engine.Catalog;
            if (_routes is { } cached && ReferenceEquals(cached.Catalog, catalog)) return cached.Table;
            var table = new RouteTable(catalog.Apis);
            _routes = (catalog, table);
            return table;
        }
    }

    public async Task<ApiAnswer> HandleApiAsync(IncomingRequest request, CancellationToken cancellationToken)
    {
        var table = Routes;
        if (CorsHandler.IsPreflight(request) && table.Match(null, request.Segments) is { Api.Cors: { } cors } preflighted)
            return CorsHandler.Preflight(cors, request, preflighted.Api.Kind == ApiKind.Rest);
        if (table.Match(request.Method, request.Segments) is not { } match) return ApiErrors.NoRoute(table.HasHttpApi);

        var api = match.Api;
        var front = ApiErrors.Of(api.Kind);
        if (request.Http.BodyTooLarge) return ApiErrors.TooLarge(front);

        var answer = await RunAsync(request, match.Route.FunctionId, api.LogicalId, match.Route.RouteKey, front, ApiErrors.IntegrationTimeout(front, match.Route.TimeoutMs),
            async requestId =>
            {
                System.Text.Json.JsonElement? authorizerContext = null;
                var authorizerName = match.Route.Authorizer ?? api.DefaultAuthorizer;
                if (authorizerName is not null and not "NONE" && !api.UnemulatedAuthorizers.Contains(authorizerName))
                {
                    if (api.Authorizers.FirstOrDefault(a => a.Name == authorizerName) is not { } authorizer) return (null, ApiErrors.IntegrationFailed(front));
                    var outcome = await _authorizer.AuthorizeAsync(authorizer, request, match, cancellationToken).ConfigureAwait(false);
                    if (outcome.Refusal is { } refusal) return (null, refusal);
                    authorizerContext = outcome.EventContext;
                }
                return (match.Route.PayloadFormatVersion == "1.0"
                    ? RestEventWriter.Write(request, match, _context, requestId, authorizerContext)
                    : HttpApiEventWriter.Write(request, HttpApiEventWriter.ForRoute(match, _context), requestId, authorizerContext), null);
            },
            payload => match.Route.PayloadFormatVersion == "1.0"
                ? ProxyResponseMapper.FromVersion1(payload, rest: api.Kind == ApiKind.Rest, api.BinaryMediaTypes, request.Header("Accept"))
                : ProxyResponseMapper.FromVersion2(payload, functionUrl: false),
            cancellationToken).ConfigureAwait(false);

        if (api.Kind == ApiKind.Http && api.Cors is { } httpCors) answer = CorsHandler.Apply(httpCors, request, answer);
        return answer;
    }

    public async Task<ApiAnswer> HandleFunctionUrlAsync(FunctionUrlDefinition url, IncomingRequest request, CancellationToken cancellationToken)
    {
        if (CorsHandler.IsPreflight(request) && url.Cors is { } cors) return CorsHandler.Preflight(cors, request, rest: false);
        if (request.Http.BodyTooLarge) return ApiErrors.TooLarge(ApiErrors.Front.FunctionUrl);
        var answer = await RunAsync(request, url.FunctionId, url.FunctionId, "URL", ApiErrors.Front.FunctionUrl, Timeout.InfiniteTimeSpan,
            requestId => Task.FromResult<(byte[]?, ApiAnswer?)>((HttpApiEventWriter.Write(request, HttpApiEventWriter.ForFunctionUrl(url, _context), requestId, null), null)),
            payload => ProxyResponseMapper.FromVersion2(payload, functionUrl: true),
            cancellationToken).ConfigureAwait(false);
        return url.Cors is { } urlCors ? CorsHandler.Apply(urlCors, request, answer) : answer;
    }

    /// <summary>The part every front end shares: the HTTP line, the event, the invoke under the integration timeout, the mapping, the status line.</summary>
    private async Task<ApiAnswer> RunAsync(IncomingRequest request, string functionId, string apiName, string route, ApiErrors.Front front, TimeSpan integrationTimeout,
        Func<string, Task<(byte[]? Event, ApiAnswer? Refusal)>> buildEvent, Func<ReadOnlyMemory<byte>, ApiAnswer?> map, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var functionName = _engine.Catalog.Find(functionId)?.FunctionName ?? functionId;
        var target = request.RawQuery.Length == 0 ? request.RawPath : request.RawPath + "?" + request.RawQuery;
        _engine.Events.Publish(new ApiRequestReceived { FunctionName = functionName, Method = request.Method, Path = target, Route = route, Api = apiName });

        var gatewayRequestId = Guid.NewGuid().ToString();
        string? lambdaRequestId = null;
        ApiAnswer answer;
        try
        {
            var (payload, refusal) = await buildEvent(gatewayRequestId).ConfigureAwait(false);
            if (refusal is not null) answer = refusal;
            else
            {
                var invoke = _engine.InvokeAsync(new InvokeRequest { FunctionName = functionId, Payload = payload }, cancellationToken);
                try
                {
                    // WaitAsync's timer goes with the invoke's answer (no 29 s timer left behind per request).
                    var result = await invoke.WaitAsync(integrationTimeout, cancellationToken).ConfigureAwait(false);
                    lambdaRequestId = result.RequestId;
                    answer = result.FunctionError is null && map(result.Payload) is { } mapped ? mapped : ApiErrors.IntegrationFailed(front);
                }
                catch (TimeoutException)
                {
                    // The integration timeout answers the caller; the invoke itself runs on to its own end, as on API Gateway.
                    answer = ApiErrors.TimedOut(front);
                }
            }
        }
        catch (LambdaServiceException e)
        {
            answer = e.StatusCode == 429 ? ApiErrors.Throttled() : ApiErrors.IntegrationFailed(front);
        }

        answer = answer.WithHeaders([new(front == ApiErrors.Front.Http ? "apigw-requestid" : "x-amzn-RequestId", gatewayRequestId)]);
        _engine.Events.Publish(new ApiResponseSent
        {
            FunctionName = functionName, RequestId = lambdaRequestId, Method = request.Method, Path = target, StatusCode = answer.StatusCode,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        });
        return answer;
    }
}
