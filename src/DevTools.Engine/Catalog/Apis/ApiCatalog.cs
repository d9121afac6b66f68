namespace DevTools.Engine.Catalog.Apis;

/// <summary>Everything of the template that puts HTTP in front of its functions: APIs with their routes, and function URLs.</summary>
public sealed record ApiCatalog(IReadOnlyList<HttpApiDefinition> Apis, IReadOnlyList<FunctionUrlDefinition> FunctionUrls)
{
    public static readonly ApiCatalog Empty = new([], []);

    public bool IsEmpty => FunctionUrls.Count == 0 && Apis.All(a => a.Routes.Count == 0);
}
