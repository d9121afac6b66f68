using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// A class-library handler bound as AWS's .NET runtime binds it, everything checked at init: the method (zero to two
/// parameters: input, then the context), its input (a raw <c>Stream</c>, else the serializer's) and its result
/// (<c>void</c>/<c>Task</c>: empty; <c>T</c>/<c>Task&lt;T&gt;</c>: a <c>Stream</c>'s bytes, else the serializer's).
/// </summary>
internal sealed class FunctionHandler
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private readonly MethodInfo _method;
    private readonly object? _instance;
    private readonly Func<Stream, object?>? _input; // null: the method takes no input
    private readonly LambdaContextFactory? _context; // null: the method takes no context
    private readonly bool _contextFirst;
    private readonly PropertyInfo? _taskResult; // Task<T>'s Result
    private readonly Action<object?, Stream>? _output; // null: no output (void, Task)

    private FunctionHandler(MethodInfo method, object? instance, Func<Stream, object?>? input, LambdaContextFactory? context, bool contextFirst,
        PropertyInfo? taskResult, Action<object?, Stream>? output)
    {
        (_method, _instance, _input, _context, _contextFirst, _taskResult, _output) = (method, instance, input, context, contextFirst, taskResult, output);
    }

    public static FunctionHandler Load(HandlerString handler, string taskRoot)
    {
        var path = Path.Combine(taskRoot, handler.Assembly + ".dll");
        if (!File.Exists(path))
            throw new LambdaValidationException($"Could not find the specified handler assembly with the file name '{handler.Assembly}, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.");
        Assembly assembly;
        try { assembly = new FunctionLoadContext(path).LoadFromAssemblyPath(path); }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new LambdaValidationException($"Unable to load assembly '{handler.Assembly}': {e.Message}");
        }
        RuntimeCompatibility.Check(assembly);

        var type = assembly.GetType(handler.Type)
            ?? throw new LambdaValidationException($"Unable to load type '{handler.Type}' from assembly '{handler.Assembly}'.");
        if (type.IsGenericTypeDefinition)
            throw new LambdaValidationException($"Handler type '{handler.Type}' is generic: generic types cannot be used as Lambda handlers.");
        if (!type.IsClass && !type.IsValueType)
            throw new LambdaValidationException($"Handler type '{handler.Type}' is not a class or a struct.");
        var method = FindMethod(type, handler);
        Validate(method, handler);

        var parameters = method.GetParameters();
        if (parameters.Length > 2)
            throw new LambdaValidationException($"Method '{handler.Method}' of type '{handler.Type}' cannot be used as a Lambda handler: the method has more than 2 parameters.");
        var contextFirst = parameters.Length == 1 && LambdaContextFactory.IsContext(parameters[0].ParameterType);
        Type? inputType = parameters.Length > 0 && !contextFirst ? parameters[0].ParameterType : null;
        var contextType = contextFirst ? parameters[0].ParameterType : parameters.Length == 2 ? parameters[1].ParameterType : null;
        if (parameters.Length == 2 && !LambdaContextFactory.IsContext(contextType!))
            throw new LambdaValidationException($"Method '{handler.Method}' of type '{handler.Type}' cannot be used as a Lambda handler: the second parameter is not of type 'Amazon.Lambda.Core.ILambdaContext'.");

        var serializer = FunctionSerializer.For(method);
        var input = inputType is null ? null
            : inputType == typeof(Stream) ? stream => stream
            : (serializer ?? throw NoSerializer("deserialize input", inputType, method)).DeserializerOf(inputType);

        var (resultType, taskResult) = ResultOf(method.ReturnType);
        var output = resultType is null ? null
            : typeof(Stream).IsAssignableFrom(resultType) ? (value, stream) => ((Stream?)value)?.CopyTo(stream)
            : (serializer ?? throw NoSerializer("serialize output", resultType, method)).SerializerOf(resultType);

        object? instance = null;
        try
        {
            if (method.IsStatic) RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            else instance = Activator.CreateInstance(type);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
        var context = contextType is null ? null : new LambdaContextFactory(contextType, serializer?.Instance);
        return new FunctionHandler(method, instance, input, context, contextFirst, taskResult, output);
    }

    /// <summary>Runs one invoke: the request's bytes in, the response's bytes out (empty for void and Task).</summary>
    public byte[] Invoke(byte[] request, InvocationData invocation)
    {
        object?[] arguments;
        var context = _context?.Create(invocation);
        if (_contextFirst) arguments = [context];
        else if (_input is null) arguments = [];
        else
        {
            var input = _input(new MemoryStream(request, writable: false));
            arguments = _context is null ? [input] : [input, context];
        }

        var result = _method.Invoke(_instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        if (result is Task task)
        {
            task.GetAwaiter().GetResult();
            result = _taskResult?.GetValue(task);
        }
        if (_output is null) return [];
        using var response = new MemoryStream();
        _output(result, response);
        return response.ToArray();
    }

    /// <summary>By name (overloads refused), else by the method's full signature text, in the type then its base types.</summary>
    private static MethodInfo FindMethod(Type type, HandlerString handler)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var named = current.GetMethods(Declared).Where(m => m.Name == handler.Method).ToList();
            if (named.Count == 1) return named[0];
            if (named.Count > 1)
                throw new LambdaValidationException(
                    $"The method '{handler.Method}' in type '{handler.Type}' appears to have a number of overloads. To call this method please specify a complete method signature. Possible candidates are:\n{string.Join("\n", named.Select(m => m.ToString()))}.");
        }
        for (var current = type; current is not null; current = current.BaseType)
            if (current.GetMethods(Declared).FirstOrDefault(m => m.ToString() == handler.Method) is { } bySignature) return bySignature;
        throw new LambdaValidationException(
            $"Unable to find method '{handler.Method}' in type '{handler.Type}' from assembly '{handler.Assembly}': Found no methods matching method name '{handler.Method}'.");
    }

    private static void Validate(MethodInfo method, HandlerString handler)
    {
        string? problem = null;
        if (method.IsAbstract) problem = "the method is abstract";
        else if (method.IsGenericMethodDefinition) problem = "the method is generic";
        else if (method.ReturnType == typeof(void) && method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null) problem = "the method is 'async void'";
        else if (method.GetParameters().LastOrDefault()?.IsDefined(typeof(ParamArrayAttribute)) == true) problem = "the method has a 'params' parameter";
        else if ((method.CallingConvention & CallingConventions.VarArgs) != 0) problem = "the method uses variable arguments";
        else if (!method.IsStatic && method.DeclaringType!.IsAbstract) problem = "its type is abstract";
        if (problem is not null)
            throw new LambdaValidationException($"Method '{handler.Method}' of type '{handler.Type}' cannot be used as a Lambda handler: {problem}.");
    }

    /// <summary>What the caller gets: nothing for void and Task, T for Task&lt;T&gt; (or a subclass), else the return type.</summary>
    private static (Type? ResultType, PropertyInfo? TaskResult) ResultOf(Type returnType)
    {
        if (returnType == typeof(void)) return (null, null);
        for (var type = returnType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
                return (type.GetGenericArguments()[0], type.GetProperty(nameof(Task<int>.Result)));
        return typeof(Task).IsAssignableFrom(returnType) ? (null, null) : (returnType, null);
    }

    private static LambdaValidationException NoSerializer(string what, Type type, MethodInfo method) => new(
        $"Could not find the LambdaSerializerAttribute on the assembly '{method.DeclaringType!.Assembly.GetName().Name}' or method '{method.Name}' while attempting to {what} data of type '{type.FullName}'. To use types other than System.IO.Stream as input/output parameters, the assembly or Lambda function should be annotated with LambdaSerializerAttribute.");
}
