namespace DevTools.Engine.Catalog.Apis;

/// <summary>
/// Reads what puts HTTP in front of the template's functions, as SAM's translator does: explicit
/// <c>AWS::Serverless::Api</c> / <c>AWS::Serverless::HttpApi</c> resources (with <c>Globals.Api</c> / <c>Globals.HttpApi</c>),
/// the functions' <c>Api</c> and <c>HttpApi</c> events (on the implicit APIs when they name none), the paths of an API's
/// <c>DefinitionBody</c>, and <c>FunctionUrlConfig</c>. Other event sources are noted: they do not trigger locally.
/// </summary>
internal sealed class ApiReader(IntrinsicResolver resolver, DiagnosticList diagnostics, IReadOnlyList<FunctionConfiguration> functions)
{
    public const string ServerlessApiType = "AWS::Serverless::Api";
    public const string ServerlessHttpApiType = "AWS::Serverless::HttpApi";
    private static readonly string[] Verbs = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", ApiRoute.AnyMethod];

    private readonly Dictionary<string, HttpApiDefinition> _apis = new(StringComparer.Ordinal);

    public ApiCatalog Read(MapValue? resources, MapValue? globals)
    {
        foreach (var resource in resources?.Entries ?? [])
        {
            if (resource.Value is not MapValue definition || definition["Type"] is not ScalarValue { Text: ServerlessApiType or ServerlessHttpApiType } type)
                continue;
            var kind = type.Text == ServerlessApiType ? ApiKind.Rest : ApiKind.Http;
            var properties = Merge(globals?[kind == ApiKind.Rest ? "Api" : "HttpApi"] as MapValue, definition["Properties"] as MapValue);
            _apis[resource.Key] = ReadApi(resource.Key, kind, properties);
            ReadDefinitionBody(_apis[resource.Key], properties);
        }

        var urls = new List<FunctionUrlDefinition>();
        foreach (var resource in resources?.Entries ?? [])
        {
            if (resource.Value is not MapValue definition || definition["Type"] is not ScalarValue { Text: FunctionReader.ServerlessFunctionType }
                || functions.All(f => f.LogicalId != resource.Key))
                continue;
            var properties = definition["Properties"] as MapValue;
            ReadEvents(resource.Key, properties?["Events"] as MapValue, globals);
            var urlConfig = properties?["FunctionUrlConfig"] ?? (globals?["Function"] as MapValue)?["FunctionUrlConfig"];
            if (urlConfig is not null && ReadFunctionUrl(resource.Key, urlConfig) is { } url) urls.Add(url);
        }
        return new ApiCatalog([.. _apis.Values], urls);
    }

    private HttpApiDefinition ReadApi(string id, ApiKind kind, MapValue properties)
    {
        var auth = properties["Auth"] as MapValue;
        var (authorizers, unemulated) = ReadAuthorizers(id, kind, auth?["Authorizers"] as MapValue);
        return new HttpApiDefinition
        {
            LogicalId = id,
            Kind = kind,
            StageName = Text(properties["StageName"], id) ?? (kind == ApiKind.Rest ? "Prod" : "$default"),
            StageVariables = StringMap(properties[kind == ApiKind.Rest ? "Variables" : "StageVariables"], id),
            Cors = kind == ApiKind.Rest ? RestCors(properties["Cors"], id) : HttpCors(properties["CorsConfiguration"], id),
            BinaryMediaTypes = kind == ApiKind.Rest ? [.. Texts(properties["BinaryMediaTypes"], id).Select(t => t.Replace("~1", "/"))] : [],
            Authorizers = authorizers,
            UnemulatedAuthorizers = unemulated,
            DefaultAuthorizer = Text(auth?["DefaultAuthorizer"], id) is { } name && name != "NONE" ? name : null,
        };
    }

    /// <summary>SAM's implicit API for events that name none, created on first use (with the Globals of its kind).</summary>
    private HttpApiDefinition Implicit(ApiKind kind, MapValue? globals)
    {
        var id = kind == ApiKind.Rest ? HttpApiDefinition.ImplicitRestApi : HttpApiDefinition.ImplicitHttpApi;
        if (_apis.TryGetValue(id, out var api)) return api;
        var properties = Merge(globals?[kind == ApiKind.Rest ? "Api" : "HttpApi"] as MapValue, null);
        api = ReadApi(id, kind, properties) with { StageName = kind == ApiKind.Rest ? "Prod" : "$default" };
        return _apis[id] = api;
    }

    private void ReadEvents(string functionId, MapValue? events, MapValue? globals)
    {
        foreach (var entry in events?.Entries ?? [])
        {
            if (entry.Value is not MapValue evt || Text(evt["Type"], functionId) is not { } type) continue;
            var properties = evt["Properties"] as MapValue ?? new MapValue([], entry.Value.Location);
            switch (type)
            {
                case "Api":
                case "HttpApi":
                    ReadRouteEvent(functionId, entry, type == "Api" ? ApiKind.Rest : ApiKind.Http, properties, globals);
                    break;
                default:
                    diagnostics.Information(DiagnosticCodes.EventNotEmulated,
                        $"Event '{entry.Key}' (Type: {type}) does not trigger the function locally; invoke it with a sample event (devtools generate-event).",
                        entry.KeyLocation, functionId);
                    break;
            }
        }
    }

    private void ReadRouteEvent(string functionId, MapEntry entry, ApiKind kind, MapValue properties, MapValue? globals)
    {
        var apiProperty = kind == ApiKind.Rest ? "RestApiId" : "ApiId";
        HttpApiDefinition? api;
        if (properties[apiProperty] is { } reference)
        {
            var apiId = LogicalIdOf(reference);
            if (apiId is null || !_apis.TryGetValue(apiId, out api) || api.Kind != kind)
            {
                diagnostics.Warning(DiagnosticCodes.ApiReferenceNotFound,
                    $"{apiProperty} of event '{entry.Key}' is not an {(kind == ApiKind.Rest ? ServerlessApiType : ServerlessHttpApiType)} of this template; the route is not served.",
                    reference.Location, functionId);
                return;
            }
        }
        else api = Implicit(kind, globals);

        var path = Text(properties["Path"], functionId);
        var method = Text(properties["Method"], functionId)?.ToUpperInvariant();
        if (kind == ApiKind.Http && path is null && method is null)
            (path, method) = (ApiRoute.DefaultRouteKey, ApiRoute.AnyMethod); // an HttpApi event without either is the $default route
        var payload = kind == ApiKind.Rest ? "1.0" : Text(properties["PayloadFormatVersion"], functionId) ?? "2.0";
        var auth = properties["Auth"] as MapValue;
        AddRoute(api, functionId, path, method, payload, Text(auth?["Authorizer"], functionId), Integer(properties["TimeoutInMillis"], functionId),
            properties["Path"]?.Location ?? entry.KeyLocation, $"event '{entry.Key}'");
    }

    /// <summary>The paths of an OpenAPI <c>DefinitionBody</c> whose integrations invoke a function of the template.</summary>
    private void ReadDefinitionBody(HttpApiDefinition api, MapValue properties)
    {
        if (properties["DefinitionBody"] is not MapValue body || body["paths"] is not MapValue paths) return;
        foreach (var path in paths.Entries)
        {
            if (path.Value is not MapValue operations) continue;
            foreach (var operation in operations.Entries)
            {
                var method = operation.Key == "x-amazon-apigateway-any-method" ? ApiRoute.AnyMethod : operation.Key.ToUpperInvariant();
                if (operation.Value is not MapValue details || details["x-amazon-apigateway-integration"] is not MapValue integration
                    || integration["uri"] is not { } uri || FunctionIdInUri(uri) is not { } functionId)
                    continue;
                var payload = api.Kind == ApiKind.Rest ? "1.0" : Text(integration["payloadFormatVersion"], api.LogicalId) ?? "2.0";
                var routePath = path.Key == "$default" ? ApiRoute.DefaultRouteKey : path.Key;
                AddRoute(api, functionId, routePath, method, payload, null, Integer(integration["timeoutInMillis"], api.LogicalId), operation.KeyLocation,
                    $"DefinitionBody path '{path.Key}'");
            }
        }
    }

    private void AddRoute(HttpApiDefinition api, string functionId, string? path, string? method, string payload, string? authorizer, int? timeoutMs,
        SourceLocation at, string source)
    {
        if (path is null || method is null || !Verbs.Contains(method) || !ValidPath(path))
        {
            diagnostics.Warning(DiagnosticCodes.InvalidRoute,
                $"The {source} needs a Path (starting with '/', a greedy {{name+}} only last) and a Method ({string.Join(", ", Verbs.Select(v => v.ToLowerInvariant()))}); it is not served.",
                at, functionId);
            return;
        }
        if (payload is not ("1.0" or "2.0"))
        {
            diagnostics.Warning(DiagnosticCodes.InvalidRoute, $"PayloadFormatVersion of the {source} is '{payload}'; it must be 1.0 or 2.0. 2.0 is used.", at, functionId);
            payload = "2.0";
        }
        if (api.Routes.Any(r => r.Method == method && string.Equals(r.Path, path, StringComparison.Ordinal)))
        {
            diagnostics.Warning(DiagnosticCodes.DuplicateRoute, $"{method} {path} of {api.LogicalId} is already routed; the {source} is not served.", at, functionId);
            return;
        }
        if (authorizer is not null && authorizer != "NONE" && api.Authorizers.All(a => a.Name != authorizer) && !api.UnemulatedAuthorizers.Contains(authorizer))
            diagnostics.Warning(DiagnosticCodes.ApiReferenceNotFound, $"Authorizer '{authorizer}' of the {source} is not in the Auth.Authorizers of {api.LogicalId}.", at, functionId);
        api.Routes.Add(new ApiRoute
        {
            Method = method, Path = path, FunctionId = functionId, PayloadFormatVersion = payload, Authorizer = authorizer, TimeoutMs = timeoutMs, Location = at,
        });
    }

    private static bool ValidPath(string path)
    {
        if (path == ApiRoute.DefaultRouteKey) return true;
        if (!path.StartsWith('/')) return false;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
            if (segments[i].EndsWith("+}", StringComparison.Ordinal) && (i != segments.Length - 1 || !segments[i].StartsWith('{')))
                return false;
        return true;
    }

    private (IReadOnlyList<LambdaAuthorizerDefinition>, IReadOnlyList<string>) ReadAuthorizers(string apiId, ApiKind kind, MapValue? authorizers)
    {
        var lambdas = new List<LambdaAuthorizerDefinition>();
        var others = new List<string>();
        foreach (var entry in authorizers?.Entries ?? [])
        {
            if (entry.Value is not MapValue definition) continue;
            if (definition["FunctionArn"] is not { } arn)
            {
                others.Add(entry.Key);
                diagnostics.Information(DiagnosticCodes.AuthorizerNotEmulated,
                    $"Authorizer '{entry.Key}' of {apiId} is not a Lambda authorizer (Cognito, JWT or IAM): it is not emulated and requests pass.", entry.KeyLocation);
                continue;
            }
            if (FunctionIdOf(arn) is not { } functionId)
            {
                diagnostics.Warning(DiagnosticCodes.ApiReferenceNotFound,
                    $"FunctionArn of authorizer '{entry.Key}' is not a function of this template; routes that use it answer 500.", arn.Location);
                continue;
            }
            var identity = definition["Identity"] as MapValue;
            var type = kind == ApiKind.Rest ? (Text(definition["FunctionPayloadType"], apiId) ?? "TOKEN").ToUpperInvariant() : "REQUEST";
            lambdas.Add(new LambdaAuthorizerDefinition
            {
                Name = entry.Key,
                FunctionId = functionId,
                Type = type,
                TokenHeader = Text(identity?["Header"], apiId) ?? "Authorization",
                ValidationExpression = Text(identity?["ValidationExpression"], apiId),
                IdentityHeaders = Texts(identity?["Headers"], apiId),
                IdentityQueryStrings = Texts(identity?["QueryStrings"], apiId),
                PayloadFormatVersion = Text(definition["AuthorizerPayloadFormatVersion"], apiId) ?? "1.0",
                SimpleResponses = Text(definition["EnableSimpleResponses"], apiId) is "true" or "True",
            });
        }
        return (lambdas, others);
    }

    private FunctionUrlDefinition? ReadFunctionUrl(string functionId, TemplateValue raw)
    {
        if (raw is not MapValue config) return null;
        var cors = config["Cors"] is MapValue c ? new CorsConfiguration
        {
            AllowOrigins = Texts(c["AllowOrigins"], functionId) is { Count: > 0 } origins ? origins : [],
            AllowMethods = Texts(c["AllowMethods"], functionId) is var methods && methods.Contains("*") ? [] : methods,
            AllowHeaders = Texts(c["AllowHeaders"], functionId),
            ExposeHeaders = Texts(c["ExposeHeaders"], functionId),
            MaxAgeSeconds = Integer(c["MaxAge"], functionId),
            AllowCredentials = Text(c["AllowCredentials"], functionId) is "true" or "True",
        } : null;
        return new FunctionUrlDefinition
        {
            FunctionId = functionId,
            AuthType = Text(config["AuthType"], functionId) ?? "NONE",
            Cors = cors,
            InvokeMode = Text(config["InvokeMode"], functionId) ?? "BUFFERED",
        };
    }

    /// <summary>REST <c>Cors</c>: a quoted origin (<c>"'*'"</c>) or a map whose values are quoted strings.</summary>
    private CorsConfiguration? RestCors(TemplateValue? raw, string apiId)
    {
        if (raw is null) return null;
        if (Text(raw, apiId) is { } origin) return new CorsConfiguration { AllowOrigins = [Unquote(origin)] };
        if (raw is not MapValue map) return null;
        static IReadOnlyList<string> List(string? quoted) =>
            quoted is null ? [] : [.. Unquote(quoted).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return new CorsConfiguration
        {
            AllowOrigins = List(Text(map["AllowOrigin"], apiId)) is { Count: > 0 } origins ? origins : ["*"],
            AllowMethods = List(Text(map["AllowMethods"], apiId)) is var methods && methods.Contains("*") ? [] : methods,
            AllowHeaders = List(Text(map["AllowHeaders"], apiId)),
            MaxAgeSeconds = int.TryParse(Unquote(Text(map["MaxAge"], apiId) ?? ""), out var age) ? age : null,
            AllowCredentials = Text(map["AllowCredentials"], apiId) is "true" or "True",
        };
    }

    /// <summary>HTTP API <c>CorsConfiguration</c>: <c>true</c> (everything allowed) or a map of lists.</summary>
    private CorsConfiguration? HttpCors(TemplateValue? raw, string apiId)
    {
        if (raw is null) return null;
        if (Text(raw, apiId) is { } flag) return flag is "true" or "True" ? new CorsConfiguration { AllowHeaders = ["*"] } : null;
        if (raw is not MapValue map) return null;
        return new CorsConfiguration
        {
            AllowOrigins = Texts(map["AllowOrigins"], apiId),
            AllowMethods = Texts(map["AllowMethods"], apiId) is var methods && methods.Contains("*") ? [] : methods,
            AllowHeaders = Texts(map["AllowHeaders"], apiId),
            ExposeHeaders = Texts(map["ExposeHeaders"], apiId),
            MaxAgeSeconds = Integer(map["MaxAge"], apiId),
            AllowCredentials = Text(map["AllowCredentials"], apiId) is "true" or "True",
        };
    }

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1] : text;

    /// <summary>A resource's logical id from <c>!Ref X</c> (or a plain name).</summary>
    private string? LogicalIdOf(TemplateValue value) => value switch
    {
        IntrinsicValue { Function: "Ref", Argument: ScalarValue name } => name.Text,
        ScalarValue { IsNull: false } name => name.Text,
        _ => null,
    };

    /// <summary>
    /// The template function an ARN-valued property means: <c>!GetAtt Fn.Arn</c>, <c>!Ref Fn</c>, <c>!Sub ${Fn.Arn}</c>, or
    /// a function ARN or name. Read without resolving, so no "attribute of a deployed resource" note is made for it.
    /// </summary>
    private string? FunctionIdOf(TemplateValue value)
    {
        var candidate = value switch
        {
            IntrinsicValue { Function: "Fn::GetAtt", Argument: ScalarValue path } => path.Text.Split('.')[0],
            IntrinsicValue { Function: "Fn::GetAtt", Argument: ListValue { Items: [ScalarValue resource, ..] } } => resource.Text,
            IntrinsicValue { Function: "Ref", Argument: ScalarValue name } => name.Text,
            IntrinsicValue { Function: "Fn::Sub", Argument: ScalarValue text } => SubReference(text.Text),
            ScalarValue { IsNull: false } arn => arn.Text.Contains(":function:", StringComparison.Ordinal) ? arn.Text.Split(":function:")[1].Split(':')[0] : arn.Text,
            _ => null,
        };
        return candidate is null ? null
            : functions.FirstOrDefault(f => f.LogicalId == candidate)?.LogicalId ?? functions.FirstOrDefault(f => f.FunctionName == candidate)?.LogicalId;
    }

    /// <summary>An integration <c>uri</c> (<c>arn:aws:apigateway:...:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations</c>).</summary>
    private string? FunctionIdInUri(TemplateValue uri) => uri switch
    {
        IntrinsicValue { Function: "Fn::Sub", Argument: ScalarValue text } => SubReference(text.Text) is { } id ? FunctionIdOf(new ScalarValue(id, uri.Location)) : null,
        IntrinsicValue { Function: "Fn::Sub", Argument: ListValue { Items: [ScalarValue text, ..] } } => SubReference(text.Text) is { } id ? FunctionIdOf(new ScalarValue(id, uri.Location)) : null,
        ScalarValue { IsNull: false } text when text.Text.Contains("/functions/", StringComparison.Ordinal) =>
            FunctionIdOf(new ScalarValue(text.Text.Split("/functions/")[1].Split("/invocations")[0], uri.Location)),
        _ => null,
    };

    /// <summary>The resource of the first <c>${X.Arn}</c> or <c>${X}</c> in a <c>!Sub</c> text that is a function of the template.</summary>
    private string? SubReference(string text)
    {
        for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", start + 2, StringComparison.Ordinal))
        {
            var end = text.IndexOf('}', start);
            if (end < 0) break;
            var name = text[(start + 2)..end].Split('.')[0];
            if (functions.Any(f => f.LogicalId == name)) return name;
        }
        return null;
    }

    private string? Text(TemplateValue? raw, string? owner) =>
        raw is null ? null : resolver.Resolve(raw, owner) is ScalarValue { IsNull: false } scalar ? scalar.Text : null;

    private int? Integer(TemplateValue? raw, string? owner) => int.TryParse(Text(raw, owner), out var value) ? value : null;

    private IReadOnlyList<string> Texts(TemplateValue? raw, string? owner) =>
        raw is null ? [] : resolver.Resolve(raw, owner) switch
        {
            ListValue list => [.. list.Items.Select(item => Text(item, owner)).OfType<string>()],
            ScalarValue { IsNull: false } one => [one.Text],
            _ => [],
        };

    private IReadOnlyDictionary<string, string> StringMap(TemplateValue? raw, string? owner) =>
        raw is MapValue map ? map.Entries.Select(e => (e.Key, Value: Text(e.Value, owner))).Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!) : new Dictionary<string, string>();

    /// <summary>An API's properties over its kind's Globals (a property of the resource wins).</summary>
    private static MapValue Merge(MapValue? globals, MapValue? properties)
    {
        var location = properties?.Location ?? globals?.Location ?? new SourceLocation("", 1, 1);
        if (globals is null) return properties ?? new MapValue([], location);
        var own = properties?.Entries ?? [];
        return new MapValue([.. own, .. globals.Entries.Where(g => own.All(p => p.Key != g.Key))], location);
    }
}
