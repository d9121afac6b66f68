package lambdadevtools.runtime;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Calendar;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a handler's result as JSON, as Jackson does with AWS's settings: beans by their {@link BeanProperties}, null
 * properties left out (map entries kept), enums by name, {@code byte[]} as base64, dates as epoch milliseconds, NaN and
 * infinities as strings, no indentation. {@code java.time} values and other JDK value types are written as their text.
 */
final class JsonWriter {
    private static final int MAX_DEPTH = 1000;
    private final StringBuilder out = new StringBuilder(256);

    static byte[] write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(Object value, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalStateException("Infinite recursion (a value contains itself?)");
        if (value == null) out.append("null");
        else if (value instanceof CharSequence || value instanceof Character) string(value.toString());
        else if (value instanceof Boolean) out.append(value);
        else if (value instanceof Number) number((Number) value);
        else if (value instanceof Enum) string(((Enum<?>) value).name());
        else if (value instanceof Map) map((Map<?, ?>) value, depth);
        else if (value instanceof byte[]) string(Base64.getEncoder().encodeToString((byte[]) value));
        else if (value instanceof char[]) string(new String((char[]) value));
        else if (value.getClass().isArray()) array(value, depth);
        else if (value instanceof Iterable) iterable(((Iterable<?>) value).iterator(), depth);
        else if (value instanceof Optional) value(((Optional<?>) value).orElse(null), depth + 1);
        else if (value instanceof Date) out.append(((Date) value).getTime());
        else if (value instanceof Calendar) out.append(((Calendar) value).getTimeInMillis());
        else if (value instanceof Class) string(((Class<?>) value).getName());
        else if (isJdkValue(value.getClass())) string(value.toString());
        else bean(value, depth);
    }

    private void number(Number n) {
        if ((n instanceof Double && (((Double) n).isNaN() || ((Double) n).isInfinite()))
                || (n instanceof Float && (((Float) n).isNaN() || ((Float) n).isInfinite()))) {
            string(n.toString());
        } else {
            out.append(n);
        }
    }

    private void map(Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            Object key = entry.getKey();
            string(key instanceof Enum ? ((Enum<?>) key).name() : String.valueOf(key));
            out.append(':');
            value(entry.getValue(), depth + 1);
        }
        out.append('}');
    }

    private void array(Object array, int depth) {
        out.append('[');
        for (int i = 0, n = Array.getLength(array); i < n; i++) {
            if (i > 0) out.append(',');
            value(Array.get(array, i), depth + 1);
        }
        out.append(']');
    }

    private void iterable(Iterator<?> items, int depth) {
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            if (!first) out.append(',');
            first = false;
            value(items.next(), depth + 1);
        }
        out.append(']');
    }

    private void bean(Object bean, int depth) {
        out.append('{');
        boolean first = true;
        for (BeanProperties.Getter property : BeanProperties.of(bean.getClass()).getters) {
            Object value;
            try {
                value = property.get(bean);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalStateException("Getter of '" + property.name + "' threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read '" + property.name + "' of " + bean.getClass().getName(), e);
            }
            if (value == null) continue;
            if (!first) out.append(',');
            first = false;
            string(property.name);
            out.append(':');
            value(value, depth + 1);
        }
        out.append('}');
    }

    /** JDK types Jackson writes as a string (UUID, URI, java.time values, Locale...), not as beans. */
    static boolean isJdkValue(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    private void string(String s) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped;
            if (c == '"') escaped = "\\\"";
            else if (c == '\\') escaped = "\\\\";
            else if (c == '\n') escaped = "\\n";
            else if (c == '\r') escaped = "\\r";
            else if (c == '\t') escaped = "\\t";
            else if (c == '\b') escaped = "\\b";
            else if (c == '\f') escaped = "\\f";
            else if (c < 0x20) escaped = String.format("\\u%04X", (int) c);
            else continue;
            out.append(s, start, i).append(escaped);
            start = i + 1;
        }
        out.append(s, start, s.length()).append('"');
    }
}
