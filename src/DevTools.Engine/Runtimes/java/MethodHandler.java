package lambdadevtools.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * A handler method and how to call it: a stream handler gets the event's bytes and the response is what it writes; a
 * POJO handler gets the event mapped onto its parameter's type and its result is written as JSON ({@code null} for
 * {@code void}).
 */
final class MethodHandler implements LambdaHandler {
    /** What each parameter receives. */
    enum Argument { INPUT_STREAM, OUTPUT_STREAM, CONTEXT, EVENT }

    private final Object target;
    private final Method method;
    private final Argument[] arguments;
    private final Type eventType;
    private final boolean stream;
    private final ContextFactory contexts;

    MethodHandler(Object target, Method method, Argument[] arguments, Type eventType, ContextFactory contexts) {
        this.target = target;
        this.method = method;
        this.arguments = arguments;
        this.eventType = eventType;
        this.contexts = contexts;
        boolean isStream = false;
        for (Argument a : arguments) isStream |= a == Argument.INPUT_STREAM || a == Argument.OUTPUT_STREAM;
        this.stream = isStream;
        try {
            method.setAccessible(true); // a public method of a class that is not public
        } catch (RuntimeException ignored) {
            // called as it is
        }
    }

    @Override
    public byte[] handle(Invocation invocation) throws Throwable {
        Object[] values = new Object[arguments.length];
        ByteArrayOutputStream output = null;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case INPUT_STREAM: values[i] = new ByteArrayInputStream(invocation.body); break;
                case OUTPUT_STREAM: values[i] = output = new ByteArrayOutputStream(); break;
                case CONTEXT: values[i] = contexts.create(invocation); break;
                default: values[i] = event(invocation.body); break;
            }
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (stream) return output == null ? new byte[0] : output.toByteArray();
        try {
            return JsonWriter.write(result);
        } catch (RuntimeException | StackOverflowError e) {
            throw new RuntimeException("An error occurred during JSON serialization of response", e);
        }
    }

    private Object event(byte[] body) {
        try {
            return PojoReader.read(JsonReader.parse(body), eventType);
        } catch (RuntimeException e) {
            throw new RuntimeException("An error occurred during JSON parsing", e);
        }
    }
}
