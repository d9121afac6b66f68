package lambdadevtools.runtime;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into plain values, as Jackson reads into {@code Object}: objects as {@code LinkedHashMap}, arrays as
 * {@code ArrayList}, integers as the smallest of {@code Integer}, {@code Long}, {@code BigInteger}, other numbers as
 * {@code Double}. {@link PojoReader} maps them onto the handler's types.
 */
final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The value of a whole document; null for an empty one. */
    static Object parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        if (reader.at == text.length()) return null;
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.at != text.length()) throw reader.error("unexpected content after the value");
        return value;
    }

    private Object value(int depth) {
        if (depth > 1000) throw error("nesting too deep");
        skipWhitespace();
        if (at >= text.length()) throw error("unexpected end of input");
        char c = text.charAt(at);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a property name");
            String name = string();
            skipWhitespace();
            expect(':');
            map.put(name, value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        at++;
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() {
        at++; // the opening quote
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) throw error("unterminated string");
            char c = text.charAt(at);
            if (c == '"') {
                String value = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return value;
            }
            if (c == '\\') {
                if (out == null) out = new StringBuilder();
                out.append(text, start, at);
                at++;
                out.append(escape());
                start = at;
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                at++;
            }
        }
    }

    private char escape() {
        char c = next();
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (at + 4 > text.length()) throw error("bad \\u escape");
                try {
                    char decoded = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                    at += 4;
                    return decoded;
                } catch (NumberFormatException e) {
                    throw error("bad \\u escape");
                }
            default: throw error("bad escape \\" + c);
        }
    }

    private Object number() {
        int start = at;
        if (peek() == '-') at++;
        digits();
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            at++;
            if (peek() == '+' || peek() == '-') at++;
            digits();
        }
        String literal = text.substring(start, at);
        if (!integral) return Double.valueOf(literal);
        BigInteger value = new BigInteger(literal);
        if (value.bitLength() < 32) return value.intValue();
        if (value.bitLength() < 64) return value.longValue();
        return value;
    }

    private void digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
        if (at == start) throw error("expected a digit");
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) throw error("unexpected character '" + text.charAt(at) + "'");
        at += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() {
        if (at >= text.length()) throw error("unexpected end of input");
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Invalid JSON at offset " + at + ": " + what);
    }
}
