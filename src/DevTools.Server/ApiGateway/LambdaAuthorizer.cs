using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DevTools.Engine;
using DevTools.Engine.Catalog.Apis;
using DevTools.Engine.Invocation;

namespace DevTools.Server.ApiGateway;

/// <summary>The authorizer's verdict: let the request through (with what the function's event carries as <c>authorizer</c>), or answer it.</summary>
internal sealed record AuthorizerOutcome(JsonElement? EventContext, ApiAnswer? Refusal);

/// <summary>
/// A Lambda authorizer, invoked as API Gateway invokes it before the route: TOKEN (a header's value) and REQUEST
/// (headers, query, path...) events, the identity check that answers 401 without invoking it, an IAM policy (explicit
/// deny wins, then an allow of the method's ARN) or an HTTP API simple response, and its <c>context</c> passed on.
/// </summary>
internal sealed class LambdaAuthorizer(LambdaEngine engine, ApiGatewayContext context)
{
    public async Task<AuthorizerOutcome> AuthorizeAsync(LambdaAuthorizerDefinition authorizer, IncomingRequest request, RouteMatch match, CancellationToken cancellationToken)
    {
        var front = ApiErrors.Of(match.Api.Kind);
        if (!HasIdentity(authorizer, request, out var token)) return Refuse(ApiErrors.Unauthorized());
        var methodArn = context.MethodArn(match.Api, request.Method, request.Path);

        InvokeResult result;
        try
        {
            result = await engine.InvokeAsync(new InvokeRequest { FunctionName = authorizer.FunctionId, Payload = Event(authorizer, request, match, token, methodArn) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (LambdaServiceException e) when (e.StatusCode == 429) { return Refuse(ApiErrors.Throttled()); }
        catch (LambdaServiceException) { return Refuse(ConfigurationError()); }

        JsonElement output;
        try { output = JsonDocument.Parse(result.Payload).RootElement; }
        catch (JsonException) { return Refuse(ConfigurationError()); }
        if (result.FunctionError is not null)
            // An authorizer that fails with the message "Unauthorized" means 401, as on API Gateway.
            return Refuse(output.ValueKind == JsonValueKind.Object && output.TryGetProperty("errorMessage", out var message) && message.GetString() == "Unauthorized"
                ? ApiErrors.Unauthorized() : ConfigurationError());

        if (output.ValueKind != JsonValueKind.Object) return Refuse(ConfigurationError());
        var authorizerContext = output.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        if (authorizer.SimpleResponses || output.TryGetProperty("isAuthorized", out _))
        {
            var allowed = output.TryGetProperty("isAuthorized", out var flag) && flag.ValueKind == JsonValueKind.True;
            return allowed ? new AuthorizerOutcome(EventContext(match, authorizerContext, null), null) : Refuse(ApiErrors.Forbidden(front, explicitDeny: false));
        }

        var (allow, deny) = Evaluate(output, methodArn);
        if (deny || !allow) return Refuse(ApiErrors.Forbidden(front, deny));
        var principal = output.TryGetProperty("principalId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return new AuthorizerOutcome(EventContext(match, authorizerContext, principal), null);
    }

    private static AuthorizerOutcome Refuse(ApiAnswer answer) => new(null, answer);

    private static ApiAnswer ConfigurationError() =>
        new(500, [new("Content-Type", "application/json"), new("x-amzn-ErrorType", "AuthorizerConfigurationException")], """{"message":null}"""u8.ToArray());

    /// <summary>The identity sources must all be there (and a TOKEN match its validation expression), else 401 without an invoke.</summary>
    private static bool HasIdentity(LambdaAuthorizerDefinition authorizer, IncomingRequest request, out string? token)
    {
        token = null;
        if (authorizer.Type == "TOKEN")
        {
            token = request.Header(authorizer.TokenHeader);
            return !string.IsNullOrEmpty(token) && (authorizer.ValidationExpression is not { } pattern || Regex.IsMatch(token, pattern));
        }
        return authorizer.IdentityHeaders.All(h => !string.IsNullOrEmpty(request.Header(h)))
            && authorizer.IdentityQueryStrings.All(q => request.Query.Any(pair => pair.Key == q));
    }

    private byte[] Event(LambdaAuthorizerDefinition authorizer, IncomingRequest request, RouteMatch match, string? token, string methodArn)
    {
        if (authorizer.Type == "TOKEN")
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?> { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = methodArn });

        var identity = authorizer.IdentityHeaders.Select(h => request.Header(h)!)
            .Concat(authorizer.IdentityQueryStrings.Select(q => request.Query.Last(pair => pair.Key == q).Value)).ToList();
        var requestId = Guid.NewGuid().ToString();
        if (match.Api.Kind == ApiKind.Http && authorizer.PayloadFormatVersion == "2.0")
        {
            var v2 = JsonNode.Parse(HttpApiEventWriter.Write(request, HttpApiEventWriter.ForRoute(match, context), requestId, null))!.AsObject();
            v2.Remove("body");
            v2.Remove("isBase64Encoded");
            v2["type"] = "REQUEST";
            v2["routeArn"] = methodArn;
            v2["identitySource"] = new JsonArray([.. identity.Select(v => JsonValue.Create(v))]);
            return JsonSerializer.SerializeToUtf8Bytes(v2);
        }
        var v1 = JsonNode.Parse(RestEventWriter.Write(request, match, context, requestId, null))!.AsObject();
        v1.Remove("body");
        v1.Remove("isBase64Encoded");
        v1["type"] = "REQUEST";
        v1["methodArn"] = methodArn;
        if (match.Api.Kind == ApiKind.Http)
        {
            v1["identitySource"] = string.Join(',', identity);
            v1["authorizationToken"] = string.Join(',', identity);
        }
        return JsonSerializer.SerializeToUtf8Bytes(v1);
    }

    /// <summary>An IAM policy's verdict for the method's ARN: whether a statement allows it, and whether one denies it.</summary>
    private static (bool Allow, bool Deny) Evaluate(JsonElement output, string methodArn)
    {
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("policyDocument", out var policy) || !policy.TryGetProperty("Statement", out var statements))
            return (false, false);
        bool allow = false, deny = false;
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
        {
            if (!Covers(statement, "Action", "execute-api:Invoke") || !Covers(statement, "Resource", methodArn)) continue;
            var effect = statement.TryGetProperty("Effect", out var e) ? e.GetString() : null;
            if (effect == "Deny") deny = true;
            else if (effect == "Allow") allow = true;
        }
        return (allow, deny);
    }

    private static bool Covers(JsonElement statement, string property, string value)
    {
        if (!statement.TryGetProperty(property, out var patterns)) return false;
        var list = patterns.ValueKind == JsonValueKind.Array ? patterns.EnumerateArray().Select(p => p.GetString()) : [patterns.GetString()];
        return list.OfType<string>().Any(pattern => Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$"));
    }

    /// <summary>
    /// What the route's event carries as <c>requestContext.authorizer</c>: payload 2.0 <c>{"lambda": context}</c>; payload 1.0
    /// the context's values as strings, with <c>principalId</c> and <c>integrationLatency</c>.
    /// </summary>
    private static JsonElement EventContext(RouteMatch match, JsonElement? authorizerContext, string? principalId)
    {
        if (match.Route.PayloadFormatVersion == "2.0")
        {
            var lambda = authorizerContext is { } c ? JsonNode.Parse(c.GetRawText()) : new JsonObject();
            return JsonSerializer.SerializeToElement(new JsonObject { ["lambda"] = lambda });
        }
        var values = new Dictionary<string, object?>();
        foreach (var property in authorizerContext?.EnumerateObject() ?? Enumerable.Empty<JsonProperty>())
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        if (principalId is not null) values["principalId"] = principalId;
        values["integrationLatency"] = 0;
        return JsonSerializer.SerializeToElement(values);
    }
}
