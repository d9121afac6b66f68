package lambdadevtools.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the handler's {@code Context} (and its {@code LambdaLogger}, {@code CognitoIdentity}, {@code ClientContext})
 * as proxies of the function's own interfaces, answering each getter of AWS's {@code aws-lambda-java-core} by name; a
 * method this runtime does not know returns null (or zero).
 */
final class ContextFactory {
    private final LambdaTypes types;
    private final Object logger;

    ContextFactory(LambdaTypes types) {
        this.types = types;
        this.logger = types.logger == null ? null : proxy(types.logger, (method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                if (args[0] instanceof byte[]) LambdaLog.event((byte[]) args[0]);
                else LambdaLog.event(String.valueOf(args[0]));
            }
            return null;
        });
        useAsRuntimeLogger();
    }

    /** Null when the function carries no {@code Context} type (its handler cannot take one). */
    Object create(Invocation invocation) {
        if (types.context == null) return null;
        return proxy(types.context, (method, args) -> {
            switch (method.getName()) {
                case "getAwsRequestId": return invocation.requestId;
                case "getLogGroupName": return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
                case "getLogStreamName": return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
                case "getFunctionName": return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
                case "getFunctionVersion": return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
                case "getInvokedFunctionArn": return invocation.invokedFunctionArn;
                case "getIdentity": return identity(invocation.cognitoIdentity);
                case "getClientContext": return clientContext(invocation.clientContext);
                case "getRemainingTimeInMillis": return invocation.remainingTimeInMillis();
                case "getMemoryLimitInMB": return memoryLimitInMb();
                case "getLogger": return logger;
                case "getTenantId": return invocation.tenantId;
                case "getXrayTraceId": return invocation.traceId;
                default: return null;
            }
        });
    }

    private Object identity(String header) {
        if (types.cognitoIdentity == null || header == null || header.isEmpty()) return null;
        Map<?, ?> json = jsonObject(header);
        return proxy(types.cognitoIdentity, (method, args) -> {
            switch (method.getName()) {
                case "getIdentityId": return json.get("cognitoIdentityId");
                case "getIdentityPoolId": return json.get("cognitoIdentityPoolId");
                default: return null;
            }
        });
    }

    private Object clientContext(String header) {
        if (types.clientContext == null || header == null || header.isEmpty()) return null;
        Map<?, ?> json = jsonObject(header);
        Map<?, ?> client = json.get("client") instanceof Map ? (Map<?, ?>) json.get("client") : Collections.emptyMap();
        Object clientProxy = types.client == null ? null : proxy(types.client, (method, args) -> {
            switch (method.getName()) {
                case "getInstallationId": return client.get("installation_id");
                case "getAppTitle": return client.get("app_title");
                case "getAppVersionName": return client.get("app_version_name");
                case "getAppVersionCode": return client.get("app_version_code");
                case "getAppPackageName": return client.get("app_package_name");
                default: return null;
            }
        });
        return proxy(types.clientContext, (method, args) -> {
            switch (method.getName()) {
                case "getClient": return clientProxy;
                case "getCustom": return strings(json.get("custom"));
                case "getEnvironment": return strings(json.get("env"));
                default: return null;
            }
        });
    }

    /** {@code LambdaRuntime.getLogger()} answers with the same logger (AWS's runtime sets that field too). */
    private void useAsRuntimeLogger() {
        if (types.lambdaRuntime == null || logger == null) return;
        for (java.lang.reflect.Field field : types.lambdaRuntime.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() != types.logger || !java.lang.reflect.Modifier.isStatic(modifiers) || java.lang.reflect.Modifier.isFinal(modifiers)) continue;
            try {
                field.setAccessible(true);
                field.set(null, logger);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // the function's own LambdaRuntime keeps its logger
            }
        }
    }

    private static int memoryLimitInMb() {
        try {
            return Integer.parseInt(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        } catch (NumberFormatException e) {
            return 128;
        }
    }

    private static Map<?, ?> jsonObject(String text) {
        try {
            Object value = JsonReader.parse(text);
            return value instanceof Map ? (Map<?, ?>) value : Collections.emptyMap();
        } catch (IllegalArgumentException e) {
            return Collections.emptyMap();
        }
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map)) return null;
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) strings.put(String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
        return strings;
    }

    private interface Answer {
        Object answer(Method method, Object[] args);
    }

    /** A proxy of the function's interface; Object's methods answer for the proxy itself, results fit the declared type. */
    private static Object proxy(Class<?> type, Answer answer) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals": return self == args[0];
                    case "hashCode": return System.identityHashCode(self);
                    default: return type.getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(self));
                }
            }
            return fit(answer.answer(method, args), method.getReturnType());
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object fit(Object value, Class<?> type) {
        if (type == void.class) return null;
        if (value == null) {
            if (!type.isPrimitive()) return null;
            if (type == boolean.class) return false;
            if (type == char.class) return '\0';
            value = 0;
        }
        if (value instanceof Number && (type.isPrimitive() || Number.class.isAssignableFrom(type))) return PojoReader.read(value, type);
        if (type == String.class && !(value instanceof String)) return String.valueOf(value);
        return type.isInstance(value) || type.isPrimitive() ? value : null;
    }
}
