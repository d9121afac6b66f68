package lambdadevtools.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code _HANDLER} as AWS's Java runtime does. {@code package.Class::method}: the class's public methods of that
 * name, non-bridge first and longest first (a trailing {@code Context} counting one more), the first with a signature
 * Lambda accepts. {@code package.Class}: its {@code RequestStreamHandler} or {@code RequestHandler<I, O>} (with concrete
 * type arguments). The class is initialised and, for instance methods, built once, here, during the init.
 */
final class HandlerLoader {
    private HandlerLoader() {
    }

    static LambdaHandler load(String handler, URLClassLoader loader) throws UserFault {
        String text = handler == null ? "" : handler.trim();
        int separator = text.lastIndexOf("::");
        String className = separator < 0 ? text : text.substring(0, separator);
        String methodName = separator < 0 ? null : text.substring(separator + 2);
        if (className.isEmpty() || (methodName != null && methodName.isEmpty()))
            throw UserFault.nonFatal("Invalid handler: `" + handler + "'", "java.lang.IllegalArgumentException");

        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw UserFault.nonFatal("Class not found: " + className, ClassNotFoundException.class.getName());
        } catch (Throwable t) {
            throw UserFault.fatal("Error loading class " + className, t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t);
        }
        try {
            LambdaTypes types = new LambdaTypes(loader);
            ContextFactory contexts = new ContextFactory(types);
            return methodName == null ? forInterface(type, types, contexts) : forMethod(type, methodName, types, contexts);
        } catch (UserFault fault) {
            throw fault;
        } catch (Throwable t) { // a type its methods name is missing (NoClassDefFoundError), say
            throw UserFault.fatal("Error loading class " + className, t);
        }
    }

    private static LambdaHandler forInterface(Class<?> type, LambdaTypes types, ContextFactory contexts) throws UserFault {
        if (types.requestStreamHandler != null && types.requestStreamHandler.isAssignableFrom(type)) {
            Method method = method(types.requestStreamHandler, "handleRequest", InputStream.class, OutputStream.class, types.context);
            return new MethodHandler(instance(type), method,
                    new MethodHandler.Argument[] {MethodHandler.Argument.INPUT_STREAM, MethodHandler.Argument.OUTPUT_STREAM, MethodHandler.Argument.CONTEXT}, null, contexts);
        }
        if (types.requestHandler != null && types.requestHandler.isAssignableFrom(type)) {
            Type[] arguments = typeArguments(type, types.requestHandler, new HashMap<>());
            if (arguments == null || arguments[0] instanceof TypeVariable)
                throw UserFault.nonFatal("Class " + type.getName() + " does not implement RequestHandler with concrete type parameters", "java.lang.IllegalArgumentException");
            Method method = method(types.requestHandler, "handleRequest", Object.class, types.context);
            return new MethodHandler(instance(type), method,
                    new MethodHandler.Argument[] {MethodHandler.Argument.EVENT, MethodHandler.Argument.CONTEXT}, arguments[0], contexts);
        }
        throw UserFault.nonFatal("Class does not implement an appropriate handler interface: " + type.getName(), "java.lang.IllegalArgumentException");
    }

    private static LambdaHandler forMethod(Class<?> type, String name, LambdaTypes types, ContextFactory contexts) throws UserFault {
        List<Method> candidates = new ArrayList<>();
        for (Method m : type.getMethods()) if (m.getName().equals(name)) candidates.add(m);
        candidates.sort(Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m, types.context)));
        for (Method method : candidates) {
            MethodHandler.Argument[] arguments = arguments(method, types.context);
            if (arguments == null) {
                System.err.println("Ignoring " + method + ": not a signature Lambda accepts for a handler");
                continue;
            }
            Type eventType = null;
            for (int i = 0; i < arguments.length; i++) if (arguments[i] == MethodHandler.Argument.EVENT) eventType = method.getGenericParameterTypes()[i];
            Object target = Modifier.isStatic(method.getModifiers()) ? null : instance(type);
            return new MethodHandler(target, method, arguments, eventType, contexts);
        }
        throw UserFault.nonFatal("No public method named " + name + " with appropriate method signature found on class " + type.getName(),
                NoSuchMethodException.class.getName());
    }

    /** Longer parameter lists first, a trailing {@code Context} counting one more. */
    private static int weight(Method method, Class<?> context) {
        Class<?>[] p = method.getParameterTypes();
        return p.length + (p.length > 0 && context != null && p[p.length - 1] == context ? 1 : 0);
    }

    /** What each parameter receives, or null for a signature Lambda rejects. */
    private static MethodHandler.Argument[] arguments(Method method, Class<?> context) {
        Class<?>[] p = method.getParameterTypes();
        int n = p.length;
        if (n > 3) return null;
        MethodHandler.Argument[] kinds = new MethodHandler.Argument[n];
        for (int i = 0; i < n; i++) {
            if (p[i] == InputStream.class) kinds[i] = MethodHandler.Argument.INPUT_STREAM;
            else if (p[i] == OutputStream.class) kinds[i] = MethodHandler.Argument.OUTPUT_STREAM;
            else if (context != null && p[i] == context) kinds[i] = MethodHandler.Argument.CONTEXT;
            else kinds[i] = MethodHandler.Argument.EVENT;
        }
        String shape = shape(kinds);
        switch (shape) {
            // stream handlers
            case "IOC": case "IO": case "IC": case "OC": case "I": case "O":
            // POJO handlers
            case "EC": case "E": case "C": case "":
                return kinds;
            default:
                return null;
        }
    }

    private static String shape(MethodHandler.Argument[] kinds) {
        StringBuilder shape = new StringBuilder();
        for (MethodHandler.Argument kind : kinds) shape.append("IOCE".charAt(kind.ordinal()));
        return shape.toString();
    }

    /** The handler's single instance, built with its public no-argument constructor. */
    private static Object instance(Class<?> type) throws UserFault {
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))
            throw UserFault.nonFatal("Class " + type.getName() + " is an inner class: make it static", "java.lang.IllegalArgumentException");
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw UserFault.nonFatal("Class " + type.getName() + " has no public zero-argument constructor", NoSuchMethodException.class.getName());
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw UserFault.fatal("An exception was thrown by the constructor of " + type.getName(), e.getCause());
        } catch (Throwable t) {
            throw UserFault.fatal("Cannot create an instance of " + type.getName(), t);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) throws UserFault {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException | NullPointerException e) {
            throw UserFault.nonFatal("The function's " + type.getName() + " has no method " + name, NoSuchMethodException.class.getName());
        }
    }

    /** The type arguments {@code type} gives {@code target} somewhere in its hierarchy, type variables resolved where bound. */
    private static Type[] typeArguments(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] actual = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) bindings.put(variables[i], outer.getOrDefault(actual[i], actual[i]));
        } else if (type instanceof Class) {
            raw = (Class<?>) type;
        } else {
            return null;
        }
        if (raw == target) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] resolved = new Type[variables.length];
            for (int i = 0; i < variables.length; i++) resolved[i] = bindings.getOrDefault(variables[i], variables[i]);
            return resolved;
        }
        List<Type> parents = new ArrayList<>();
        if (raw.getGenericSuperclass() != null) parents.add(raw.getGenericSuperclass());
        for (Type i : raw.getGenericInterfaces()) parents.add(i);
        for (Type parent : parents) {
            Type[] found = typeArguments(parent, target, bindings);
            if (found != null) return found;
        }
        return null;
    }
}
