using DevTools.Engine.Catalog;

namespace DevTools.Engine.Invocation;

/// <summary>
/// Resolves the names callers use for a function, as the Invoke API accepts them: a name or
/// logical id, <c>name:qualifier</c>, a full ARN or a partial ARN (<c>account:function:name</c>).
/// </summary>
public static class FunctionResolver
{
    /// <param name="qualifier">A version or alias; none (null or empty) means <c>$LATEST</c>.</param>
    public static FunctionConfiguration Resolve(FunctionCatalog catalog, string requested, string? qualifier, EngineOptions options)
    {
        if (string.IsNullOrEmpty(qualifier)) qualifier = null;
        var (name, arnQualifier) = Split(requested);
        var function = name is null ? null : catalog.Find(name);
        if (function is null)
            throw LambdaServiceException.FunctionNotFound(FunctionArn(options, name ?? requested, qualifier ?? arnQualifier));

        var effective = qualifier ?? arnQualifier;
        if (qualifier is not null && arnQualifier is not null && qualifier != arnQualifier)
            throw LambdaServiceException.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        if (effective is not null && effective != LambdaLimits.LatestVersion)
            throw LambdaServiceException.FunctionNotFound(FunctionArn(options, function.FunctionName, effective));
        return function;
    }

    public static string FunctionArn(EngineOptions options, string functionName, string? qualifier = null) =>
        $"arn:aws:lambda:{options.Region}:{options.AccountId}:function:{functionName}" + (string.IsNullOrEmpty(qualifier) ? "" : ":" + qualifier);

    /// <summary>Splits a requested name into the function name and an optional qualifier; null name when malformed.</summary>
    private static (string? Name, string? Qualifier) Split(string requested)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Length > 256) return (null, null);
        var parts = requested.Split(':');
        return parts switch
        {
            [var name] => (name, null),
            [var name, var q] when !name.All(char.IsDigit) => (name, q),
            ["arn", _, "lambda", _, _, "function", var name] => (name, null),
            ["arn", _, "lambda", _, _, "function", var name, var q] => (name, q),
            [_, "function", var name] => (name, null),
            [_, "function", var name, var q] => (name, q),
            _ => (null, null),
        };
    }
}
