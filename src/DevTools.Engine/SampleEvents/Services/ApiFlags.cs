namespace DevTools.Engine.SampleEvents.Services;

/// <summary>The flags API Gateway's and function URLs' request events share.</summary>
internal static class ApiFlags
{
    public static readonly SampleEventService ApiGateway = new("apigateway", "API Gateway");

    public static SampleEventFlag Method(string defaultValue) =>
        SampleEventFlag.Choice("method", "The HTTP method.", defaultValue, "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    public static SampleEventFlag Path(string defaultValue) => SampleEventFlag.Text("path", "The request path (without the stage).", defaultValue);

    public static SampleEventFlag Query(string defaultValue) => SampleEventFlag.Text("query", "The query string: a=1&b=2; empty for none.", defaultValue);

    public static SampleEventFlag Body(string defaultValue) => SampleEventFlag.Text("body", "The request body, as text; empty for none.", defaultValue);

    public static SampleEventFlag Stage(string defaultValue) => SampleEventFlag.Text("stage", "The API's stage.", defaultValue);

    public static SampleEventFlag Token(string defaultValue) => SampleEventFlag.Text("token", "The caller's token, as sent in the Authorization header.", defaultValue);

    /// <summary>The caller API Gateway sees: the loopback, as a local HTTP front end would see it.</summary>
    public const string SourceIp = "127.0.0.1";

    public const string UserAgent = "curl/8.5.0";

    /// <summary>The Content-Type a body is sent with: JSON when it parses as JSON, else plain text.</summary>
    public static string ContentTypeOf(string body)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(body);
            return "application/json";
        }
        catch (System.Text.Json.JsonException)
        {
            return "text/plain";
        }
    }
}
