package lambdadevtools.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a parsed event ({@link JsonReader}) onto the type a handler declares, with the rules of AWS's Jackson settings:
 * beans through a no-argument constructor and their {@link BeanProperties} (unknown properties ignored), null for a
 * primitive is its zero, scalars coerced to and from strings, a single value read as a one-element array, an empty
 * string as a null object, an unknown enum name as null.
 */
final class PojoReader {
    private PojoReader() {
    }

    static Object read(Object node, Type type) {
        if (type instanceof Class) return readClass(node, (Class<?>) type, new Type[0]);
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            return readClass(node, (Class<?>) p.getRawType(), p.getActualTypeArguments());
        }
        if (type instanceof GenericArrayType) return readArray(node, ((GenericArrayType) type).getGenericComponentType());
        if (type instanceof WildcardType) return read(node, ((WildcardType) type).getUpperBounds()[0]);
        if (type instanceof TypeVariable) return read(node, ((TypeVariable<?>) type).getBounds()[0]);
        return node;
    }

    private static Object readClass(Object node, Class<?> type, Type[] arguments) {
        if (type == Object.class) return node;
        if (node == null) return type.isPrimitive() ? zero(type) : null;
        if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class) return scalar(node, type);
        if (type == String.class || type == CharSequence.class) {
            if (node instanceof Map || node instanceof List) throw cannot(type, node);
            return node.toString();
        }
        if (type.isEnum()) return readEnum(node, type);
        if (type == byte[].class && node instanceof String) return Base64.getDecoder().decode((String) node);
        if (type.isArray()) return readArray(node, type.getComponentType());
        if ("".equals(node)) return null; // an empty string is a null object
        if (Collection.class.isAssignableFrom(type)) return readCollection(node, type, argument(arguments, 0));
        if (Map.class.isAssignableFrom(type)) return readMap(node, type, argument(arguments, 0), argument(arguments, 1));
        if (type == Date.class) return node instanceof Number ? new Date(((Number) node).longValue()) : Date.from(Instant.parse(node.toString()));
        if (type == Instant.class && node instanceof Number) return instant((Number) node);
        if (JsonWriter.isJdkValue(type)) return fromText(node, type);
        return readBean(node, type);
    }

    private static Object scalar(Object node, Class<?> type) {
        Class<?> boxed = boxed(type);
        if (node instanceof Map || node instanceof List) throw cannot(type, node);
        if (boxed == Boolean.class) {
            if (node instanceof Boolean) return node;
            if (node instanceof Number) return ((Number) node).intValue() != 0;
            String text = node.toString().trim();
            if (text.equals("true") || text.equals("false")) return Boolean.valueOf(text);
            if (text.isEmpty()) return type.isPrimitive() ? false : null;
            throw cannot(type, node);
        }
        if (boxed == Character.class) {
            if (node instanceof Number) return (char) ((Number) node).intValue();
            String text = node.toString();
            if (text.length() == 1) return text.charAt(0);
            if (text.isEmpty()) return type.isPrimitive() ? '\0' : null;
            throw cannot(type, node);
        }
        if (node instanceof Boolean) throw cannot(type, node);
        Number number;
        if (node instanceof Number) {
            number = (Number) node;
        } else {
            String text = node.toString().trim();
            if (text.isEmpty()) return type.isPrimitive() ? zero(type) : null;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cannot deserialize value of type `" + type.getName() + "` from String \"" + text + "\": not a valid number");
            }
        }
        if (boxed == Integer.class) return number.intValue();
        if (boxed == Long.class) return number.longValue();
        if (boxed == Double.class) return number.doubleValue();
        if (boxed == Float.class) return number.floatValue();
        if (boxed == Short.class) return number.shortValue();
        if (boxed == Byte.class) return number.byteValue();
        if (type == BigDecimal.class) return number instanceof BigDecimal ? number : new BigDecimal(number.toString());
        if (type == BigInteger.class) return number instanceof BigInteger ? number : new BigDecimal(number.toString()).toBigInteger();
        return number; // Number itself
    }

    private static Object readEnum(Object node, Class<?> type) {
        Object[] constants = type.getEnumConstants();
        if (node instanceof Number) {
            int index = ((Number) node).intValue();
            return index >= 0 && index < constants.length ? constants[index] : null;
        }
        for (Object constant : constants) if (((Enum<?>) constant).name().equals(node.toString())) return constant;
        return null; // an unknown name reads as null
    }

    private static Object readArray(Object node, Type componentType) {
        if ("".equals(node)) return null;
        List<?> items = node instanceof List ? (List<?>) node : java.util.Collections.singletonList(node);
        Class<?> component = raw(componentType);
        Object array = Array.newInstance(component, items.size());
        for (int i = 0; i < items.size(); i++) Array.set(array, i, read(items.get(i), componentType));
        return array;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readCollection(Object node, Class<?> type, Type elementType) {
        List<?> items = node instanceof List ? (List<?>) node : java.util.Collections.singletonList(node);
        Collection<Object> collection;
        if (EnumSet.class.isAssignableFrom(type)) collection = (Collection) EnumSet.noneOf((Class) raw(elementType));
        else if (type.isAssignableFrom(ArrayList.class)) collection = new ArrayList<>(items.size());
        else if (type.isAssignableFrom(LinkedHashSet.class)) collection = new LinkedHashSet<>();
        else if (type.isAssignableFrom(TreeSet.class)) collection = new TreeSet<>();
        else if (type.isAssignableFrom(ArrayDeque.class)) collection = new ArrayDeque<>();
        else collection = (Collection<Object>) instantiate(type);
        for (Object item : items) collection.add(read(item, elementType));
        return collection;
    }

    @SuppressWarnings("unchecked")
    private static Object readMap(Object node, Class<?> type, Type keyType, Type valueType) {
        if (!(node instanceof Map)) throw cannot(type, node);
        Map<Object, Object> map;
        if (type.isAssignableFrom(LinkedHashMap.class)) map = new LinkedHashMap<>();
        else if (type.isAssignableFrom(TreeMap.class)) map = new TreeMap<>();
        else if (type.isAssignableFrom(ConcurrentHashMap.class)) map = new ConcurrentHashMap<>();
        else map = (Map<Object, Object>) instantiate(type);
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) node).entrySet())
            map.put(read(entry.getKey(), keyType), read(entry.getValue(), valueType));
        return map;
    }

    private static Object readBean(Object node, Class<?> type) {
        if (!(node instanceof Map)) throw cannot(type, node);
        Object bean = instantiate(type);
        BeanProperties properties = BeanProperties.of(type);
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) node).entrySet()) {
            BeanProperties.Setter setter = properties.setters.get(entry.getKey().toString());
            if (setter == null) continue; // unknown properties are ignored
            try {
                setter.set(bean, read(entry.getValue(), setter.type));
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new IllegalArgumentException("Setter of '" + entry.getKey() + "' on " + type.getName() + " threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot set '" + entry.getKey() + "' on " + type.getName() + ": " + e, e);
            }
        }
        return bean;
    }

    private static Object instantiate(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()))
            throw new IllegalArgumentException("Cannot construct instance of `" + type.getName() + "` (abstract types either need to be mapped to concrete types, or have custom deserializer)");
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Cannot construct instance of `" + type.getName() + "` (no Creators, like default constructor, exist)");
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("The constructor of `" + type.getName() + "` threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot construct instance of `" + type.getName() + "`: " + e, e);
        }
    }

    /** A JDK value type read from its text: {@code valueOf(String)}, {@code parse(CharSequence)}, {@code fromString(String)} or a {@code String} constructor. */
    private static Object fromText(Object node, Class<?> type) {
        if (node instanceof Map || node instanceof List) throw cannot(type, node);
        String text = node.toString();
        try {
            for (String factory : new String[] {"valueOf", "fromString", "parse"}) {
                for (Class<?> parameter : new Class<?>[] {String.class, CharSequence.class}) {
                    try {
                        Method method = type.getMethod(factory, parameter);
                        if (Modifier.isStatic(method.getModifiers()) && type.isAssignableFrom(method.getReturnType())) return method.invoke(null, text);
                    } catch (NoSuchMethodException ignored) {
                        // try the next way
                    }
                }
            }
            return type.getConstructor(String.class).newInstance(text);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("Cannot deserialize value of type `" + type.getName() + "` from \"" + text + "\": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot deserialize value of type `" + type.getName() + "` from \"" + text + "\"");
        }
    }

    private static Instant instant(Number seconds) {
        BigDecimal value = new BigDecimal(seconds.toString());
        long whole = value.longValue();
        return Instant.ofEpochSecond(whole, value.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    private static Type argument(Type[] arguments, int index) {
        return index < arguments.length ? arguments[index] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class) return (Class<?>) type;
        if (type instanceof ParameterizedType) return (Class<?>) ((ParameterizedType) type).getRawType();
        if (type instanceof GenericArrayType) return Array.newInstance(raw(((GenericArrayType) type).getGenericComponentType()), 0).getClass();
        return Object.class;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == double.class) return Double.class;
        if (type == float.class) return Float.class;
        if (type == boolean.class) return Boolean.class;
        if (type == char.class) return Character.class;
        if (type == short.class) return Short.class;
        return Byte.class;
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        return scalar(0, type);
    }

    private static IllegalArgumentException cannot(Class<?> type, Object node) {
        String what = node instanceof Map ? "Object value" : node instanceof List ? "Array value" : node instanceof String ? "String value" : node.getClass().getSimpleName() + " value";
        return new IllegalArgumentException("Cannot deserialize value of type `" + type.getName() + "` from " + what);
    }
}
