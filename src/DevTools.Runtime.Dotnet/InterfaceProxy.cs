using System.Reflection;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// An object implementing an interface of the function's own assembly (its <c>ILambdaContext</c>, <c>ILambdaLogger</c>…),
/// whatever version it ships: every call, default interface members included, goes to one function of the member.
/// </summary>
public class InterfaceProxy : DispatchProxy
{
    private Func<MethodInfo, object?[], object?> _implementation = (_, _) => null;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is null ? null : _implementation(targetMethod, args ?? []);

    public static object Create(Type interfaceType, Func<MethodInfo, object?[], object?> implementation)
    {
        var proxy = (InterfaceProxy)DispatchProxy.Create(interfaceType, typeof(InterfaceProxy));
        proxy._implementation = implementation;
        return proxy;
    }

    /// <summary>A property getter's value by property name, else the member's default (members newer than we know).</summary>
    public static object Create(Type interfaceType, Func<string, object?> properties) =>
        Create(interfaceType, (method, _) => method.Name.StartsWith("get_", StringComparison.Ordinal)
            ? Fit(properties(method.Name[4..]), method.ReturnType)
            : DefaultOf(method.ReturnType));

    /// <summary>The value if the member's type can hold it, else that type's default.</summary>
    public static object? Fit(object? value, Type type) =>
        value is not null && type.IsInstanceOfType(value) ? value : DefaultOf(type);

    public static object? DefaultOf(Type type) =>
        type.IsValueType && type != typeof(void) ? Activator.CreateInstance(type) : null;
}
