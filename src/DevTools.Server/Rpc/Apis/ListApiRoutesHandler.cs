using DevTools.Protocol;
using DevTools.Server.ApiGateway;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Apis;

/// <summary><c>lambda/api/routes</c>: the routes as served (with URLs) or, when this backend serves no API, as the template declares them.</summary>
internal sealed class ListApiRoutesHandler(BackendContext context) : IRequestHandler<NoParams, ApiRoutesResult>
{
    public string Method => ProtocolMethods.ApiRoutes;

    public Task<ApiRoutesResult> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        var server = context.Control.ApiGateway;
        var routes = server?.Served ?? RouteListing.For(context.Engine.Catalog.Apis, null);
        return Task.FromResult(new ApiRoutesResult
        {
            Serving = server is not null,
            Routes = [.. routes.Select(r => new ApiRouteDescription
            {
                Method = r.Method, Path = r.Path, Url = r.Url, FunctionId = r.FunctionId, Api = r.Api, Kind = r.Kind,
                PayloadFormatVersion = r.PayloadFormatVersion, RouteKey = r.RouteKey,
            })],
        });
    }
}
