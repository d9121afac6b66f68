namespace Amazon.Lambda.Core;

/// <summary>Stand-in of Amazon.Lambda.Core's ILambdaSerializer.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);
    void Serialize<T>(T response, Stream responseStream);
}

/// <summary>Stand-in of Amazon.Lambda.Core's LambdaSerializerAttribute.</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute(Type serializerType) : Attribute
{
    public Type SerializerType { get; set; } = serializerType;
}
