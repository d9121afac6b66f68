using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>Stand-in of the package's DefaultLambdaJsonSerializer: case-insensitive names in, nulls left out.</summary>
public class DefaultLambdaJsonSerializer : ILambdaSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public T Deserialize<T>(Stream requestStream) => JsonSerializer.Deserialize<T>(requestStream, Options);

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response, Options);
}
