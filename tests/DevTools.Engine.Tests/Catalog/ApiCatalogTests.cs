using DevTools.Engine.Catalog;
using DevTools.Engine.Catalog.Apis;

namespace DevTools.Engine.Tests.Catalog;

/// <summary>The HTTP front ends a template declares, read as SAM's translator reads them.</summary>
public sealed class ApiCatalogTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void EventsBecomeRoutesOnTheirApiOrSamsImplicitOnes()
    {
        workspace.CreateFolder("src");
        var catalog = workspace.Load("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Api:
                BinaryMediaTypes: ['image~1png']
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Handler: index.handler
                  CodeUri: src
                  FunctionUrlConfig: { AuthType: AWS_IAM, InvokeMode: RESPONSE_STREAM }
                  Events:
                    Rest: { Type: Api, Properties: { Path: /a, Method: GET } }
                    Mine: { Type: Api, Properties: { Path: '/b/{id}', Method: post, RestApiId: !Ref Mine } }
                    Http: { Type: HttpApi, Properties: { Path: /c, Method: get, PayloadFormatVersion: '1.0' } }
                    Default: { Type: HttpApi }
              Mine:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: v1
                  Cors: "'https://app.example'"
                  DefinitionBody:
                    paths:
                      /d:
                        x-amazon-apigateway-any-method:
                          x-amazon-apigateway-integration:
                            uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
            """);

        Assert.DoesNotContain(catalog.Diagnostics, d => d.Severity != DiagnosticSeverity.Information);
        var apis = catalog.Apis.Apis.ToDictionary(a => a.LogicalId);
        var rest = apis[HttpApiDefinition.ImplicitRestApi];
        Assert.Equal("Prod", rest.StageName);
        Assert.Equal(["image/png"], rest.BinaryMediaTypes);
        Assert.Equal("GET /a", Assert.Single(rest.Routes).RouteKey);
        var mine = apis["Mine"];
        Assert.Equal(("v1", "https://app.example"), (mine.StageName, mine.Cors!.AllowOrigins.Single()));
        Assert.Equal(["ANY /d", "POST /b/{id}"], mine.Routes.Select(r => r.RouteKey).Order(StringComparer.Ordinal));
        var http = apis[HttpApiDefinition.ImplicitHttpApi];
        Assert.Equal([("GET /c", "1.0"), ("$default", "2.0")], http.Routes.Select(r => (r.RouteKey, r.PayloadFormatVersion)));
        Assert.Equal("$default", http.StageName);
        var url = Assert.Single(catalog.Apis.FunctionUrls);
        Assert.Equal(("Fn", "AWS_IAM", "RESPONSE_STREAM"), (url.FunctionId, url.AuthType, url.InvokeMode));
    }

    [Fact]
    public void WhatCannotBeServedIsSaidWhereItIsWritten()
    {
        workspace.CreateFolder("src");
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src
                  Events:
                    Queue: { Type: SQS, Properties: { Queue: arn:aws:sqs:us-east-1:123456789012:jobs } }
                    NoPath: { Type: Api, Properties: { Method: get } }
                    BadGreedy: { Type: Api, Properties: { Path: '/{proxy+}/more', Method: get } }
                    Elsewhere: { Type: Api, Properties: { Path: /x, Method: get, RestApiId: !Ref Missing } }
                    Twice: { Type: Api, Properties: { Path: /y, Method: get } }
                    Again: { Type: Api, Properties: { Path: /y, Method: get } }
            """);

        string[] codes = [.. catalog.Diagnostics.Where(d => d.Code.StartsWith("DT5", StringComparison.Ordinal)).Select(d => $"{d.Code}@{d.Location.Line}")];
        Assert.Equal([$"{DiagnosticCodes.EventNotEmulated}@9", $"{DiagnosticCodes.InvalidRoute}@10", $"{DiagnosticCodes.InvalidRoute}@11",
            $"{DiagnosticCodes.ApiReferenceNotFound}@12", $"{DiagnosticCodes.DuplicateRoute}@14"], codes);
        Assert.Contains("devtools generate-event", catalog.Diagnostics.Single(d => d.Code == DiagnosticCodes.EventNotEmulated).Message);
        Assert.Equal(["GET /y"], catalog.Apis.Apis.SelectMany(a => a.Routes).Select(r => r.RouteKey));
    }

    [Fact]
    public void LambdaAuthorizersAreReadAndOthersNoted()
    {
        workspace.CreateFolder("src");
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src }
              Auth:
                Type: AWS::Serverless::Function
                Properties: { Runtime: nodejs22.x, Handler: index.auth, CodeUri: src }
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: dev
                  Auth:
                    DefaultAuthorizer: Token
                    Authorizers:
                      Token: { FunctionArn: !GetAtt Auth.Arn, Identity: { Header: X-Key, ValidationExpression: '^k-' } }
                      Request: { FunctionArn: !GetAtt Auth.Arn, FunctionPayloadType: REQUEST, Identity: { Headers: [X-Tenant], QueryStrings: [v] } }
                      Pool: { UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x }
            """);

        var api = Assert.Single(catalog.Apis.Apis);
        Assert.Equal("Token", api.DefaultAuthorizer);
        var token = api.Authorizers.Single(a => a.Name == "Token");
        Assert.Equal(("Auth", "TOKEN", "X-Key", "^k-"), (token.FunctionId, token.Type, token.TokenHeader, token.ValidationExpression));
        var request = api.Authorizers.Single(a => a.Name == "Request");
        Assert.Equal(("REQUEST", "X-Tenant", "v"), (request.Type, request.IdentityHeaders.Single(), request.IdentityQueryStrings.Single()));
        Assert.Equal(["Pool"], api.UnemulatedAuthorizers);
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.AuthorizerNotEmulated && d.Message.Contains("'Pool'"));
        Assert.DoesNotContain(catalog.Diagnostics, d => d.Message.Contains("deployed resource")); // !GetAtt Auth.Arn names the function
    }
}
