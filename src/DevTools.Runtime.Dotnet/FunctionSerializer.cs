using System.Reflection;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// The serializer a function names with <c>[LambdaSerializer(typeof(...))]</c> (on the method, else on the assembly),
/// from the function's own <c>Amazon.Lambda.Serialization.*</c> assembly, called through its own
/// <c>Amazon.Lambda.Core.ILambdaSerializer</c>: matched by full name, as AWS's runtime matches them.
/// </summary>
internal sealed class FunctionSerializer
{
    private const string AttributeName = "Amazon.Lambda.Core.LambdaSerializerAttribute";
    private const string InterfaceName = "Amazon.Lambda.Core.ILambdaSerializer";
    private readonly MethodInfo _deserialize;
    private readonly MethodInfo _serialize;

    private FunctionSerializer(object instance, MethodInfo deserialize, MethodInfo serialize)
    {
        Instance = instance;
        _deserialize = deserialize;
        _serialize = serialize;
    }

    public object Instance { get; }

    /// <summary>The serializer the attribute names, or null when neither the method nor its assembly has the attribute.</summary>
    public static FunctionSerializer? For(MethodInfo method)
    {
        var attribute = method.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AttributeName)
            ?? method.DeclaringType!.Assembly.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AttributeName);
        if (attribute is null) return null;
        if (attribute.ConstructorArguments is not [{ Value: Type type }])
            throw new LambdaValidationException($"The {AttributeName} on '{method.Name}' does not name a serializer type.");
        var contract = type.GetInterfaces().FirstOrDefault(i => i.FullName == InterfaceName)
            ?? throw new LambdaValidationException($"The indicated serializer '{type.FullName}' does not implement '{InterfaceName}'.");
        var deserialize = contract.GetMethods().FirstOrDefault(m => m is { Name: "Deserialize", IsGenericMethodDefinition: true } && m.GetParameters().Length == 1);
        var serialize = contract.GetMethods().FirstOrDefault(m => m is { Name: "Serialize", IsGenericMethodDefinition: true } && m.GetParameters().Length == 2);
        if (deserialize is null || serialize is null)
            throw new LambdaValidationException($"'{InterfaceName}' of '{type.Assembly.GetName().Name}' lacks Deserialize<T>(Stream) or Serialize<T>(T, Stream).");
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new LambdaValidationException($"The indicated serializer '{type.FullName}' does not have a public parameterless constructor.");
        var instance = Activator.CreateInstance(type)!;
        return new FunctionSerializer(instance, deserialize, serialize);
    }

    public Func<Stream, object?> DeserializerOf(Type type)
    {
        var method = _deserialize.MakeGenericMethod(type);
        return stream => method.Invoke(Instance, BindingFlags.DoNotWrapExceptions, null, [stream], null);
    }

    public Action<object?, Stream> SerializerOf(Type type)
    {
        var method = _serialize.MakeGenericMethod(type);
        return (value, stream) => method.Invoke(Instance, BindingFlags.DoNotWrapExceptions, null, [value, stream], null);
    }
}
