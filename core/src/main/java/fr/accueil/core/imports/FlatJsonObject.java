package fr.accueil.core.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object whose values are all scalars (RFC 8259 strings, numbers, true, false, null), as
 * FreeSWITCH writes events in JSON: every header is a string. Numbers and literals are kept as their
 * text, null as an absent key. Nested objects and arrays are refused: core carries no JSON library and
 * the events need none. Stateless and thread-safe.
 */
public final class FlatJsonObject {
    private final String text;
    private int pos;

    private FlatJsonObject(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the offset and the problem, when the text is not such an object */
    public static Map<String, String> parse(String text) {
        try {
            return parseOrThrow(text);
        } catch (MalformedLineException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static Map<String, String> parseOrThrow(String text) {
        return new FlatJsonObject(text).object();
    }

    private Map<String, String> object() {
        Map<String, String> out = new LinkedHashMap<>();
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                String value = value();
                if (value != null) {
                    out.put(key, value);
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw fail("expected ',' or '}'");
                }
            }
        }
        skipSpace();
        if (pos < text.length()) {
            throw fail("text after the object");
        }
        return out;
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw fail("nested objects and arrays are not supported");
        }
        int start = pos;
        while (pos < text.length() && ",} \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.equals("null")) {
            return null;
        }
        if (literal.equals("true") || literal.equals("false") || isNumber(literal)) {
            return literal;
        }
        pos = start;
        throw fail("bad value");
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && "+-.eE".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private String string() {
        expect('"');
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw fail("control character in string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                sb.append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char escape() {
        char c = next();
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw fail("truncated \\u escape");
                }
                try {
                    char u = (char) Integer.parseInt(text, pos, pos + 4, 16);
                    pos += 4;
                    yield u;
                } catch (NumberFormatException e) {
                    throw fail("bad \\u escape");
                }
            }
            default -> {
                pos--;
                throw fail("bad escape");
            }
        };
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw fail("truncated object");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private MalformedLineException fail(String what) {
        return new MalformedLineException("JSON: " + what + " at offset " + pos);
    }
}
