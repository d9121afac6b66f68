package lambdadevtools.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class's JSON properties, found as Jackson finds them with AWS's settings: public getters ({@code getX}, {@code isX}
 * for {@code boolean}) and public fields to write; public setters and public fields to read, and a private field where a
 * public getter makes it a property. Names follow standard bean naming ({@code getFooBar} is {@code fooBar},
 * {@code getURL} is {@code URL}), case-sensitive; fields come first, in declaration order, superclasses first.
 */
final class BeanProperties {
    private static final Map<Class<?>, BeanProperties> CACHE = new ConcurrentHashMap<>();

    /** A property the writer reads. */
    static final class Getter {
        final String name;
        private final Method method;
        private final Field field;

        Getter(String name, Method method, Field field) {
            this.name = name;
            this.method = method;
            this.field = field;
        }

        Object get(Object bean) throws ReflectiveOperationException {
            return method != null ? method.invoke(bean) : field.get(bean);
        }
    }

    /** A property the reader sets. */
    static final class Setter {
        private final Method method;
        private final Field field;
        final Type type;

        Setter(Method method, Field field) {
            this.method = method;
            this.field = field;
            this.type = method != null ? method.getGenericParameterTypes()[0] : field.getGenericType();
        }

        void set(Object bean, Object value) throws ReflectiveOperationException {
            if (method != null) method.invoke(bean, value);
            else field.set(bean, value);
        }
    }

    final List<Getter> getters;
    final Map<String, Setter> setters;

    private BeanProperties(List<Getter> getters, Map<String, Setter> setters) {
        this.getters = getters;
        this.setters = setters;
    }

    static BeanProperties of(Class<?> type) {
        return CACHE.computeIfAbsent(type, BeanProperties::find);
    }

    private static BeanProperties find(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c : hierarchy(type))
            for (Field f : c.getDeclaredFields())
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic())
                    fields.putIfAbsent(f.getName(), f);

        Map<String, Method> getterMethods = new LinkedHashMap<>();
        Map<String, Method> setterMethods = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || m.getDeclaringClass() == Object.class) continue;
            String name = m.getName();
            int count = m.getParameterCount();
            if (count == 0 && name.startsWith("get") && name.length() > 3 && m.getReturnType() != void.class)
                getterMethods.putIfAbsent(propertyName(name.substring(3)), m);
            else if (count == 0 && name.startsWith("is") && name.length() > 2 && m.getReturnType() == boolean.class)
                getterMethods.putIfAbsent(propertyName(name.substring(2)), m);
            else if (count == 1 && name.startsWith("set") && name.length() > 3)
                setterMethods.putIfAbsent(propertyName(name.substring(3)), m);
        }

        // Fields first (their order), then properties only getters declare.
        List<String> names = new ArrayList<>(fields.keySet());
        for (String name : getterMethods.keySet()) if (!fields.containsKey(name)) names.add(name);

        List<Getter> getters = new ArrayList<>();
        Map<String, Setter> setters = new LinkedHashMap<>();
        for (String name : names) {
            Method getter = getterMethods.get(name);
            Field field = fields.get(name);
            boolean publicField = field != null && Modifier.isPublic(field.getModifiers());
            if (getter != null) getters.add(new Getter(name, accessible(getter), null));
            else if (publicField) getters.add(new Getter(name, null, accessible(field)));
            Method setter = setterMethods.get(name);
            if (setter != null) setters.put(name, new Setter(accessible(setter), null));
            else if (field != null && (publicField || getter != null) && !Modifier.isFinal(field.getModifiers()))
                setters.put(name, new Setter(null, accessible(field)));
        }
        for (Map.Entry<String, Method> setter : setterMethods.entrySet())
            setters.putIfAbsent(setter.getKey(), new Setter(accessible(setter.getValue()), null));
        return new BeanProperties(Collections.unmodifiableList(getters), Collections.unmodifiableMap(setters));
    }

    /** {@code FooBar} is {@code fooBar}; {@code URL} stays {@code URL} (java.beans' rule). */
    static String propertyName(String suffix) {
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(0)) && Character.isUpperCase(suffix.charAt(1))) return suffix;
        return Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
    }

    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) classes.add(0, c);
        return classes;
    }

    // A public member of a class that is not itself public (a handler's nested POJO) needs this to be called.
    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        try {
            member.setAccessible(true);
        } catch (RuntimeException ignored) {
            // in a named module that does not open it: left as is
        }
        return member;
    }
}
