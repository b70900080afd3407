package fr.accueil.telephony.registrar;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directives of a Digest {@code Authorization} header (RFC 7616 §3.4, RFC 3261 §25.1 grammar),
 * parsed by hand so that a malformed header is told apart (400) from wrong credentials (403).
 */
record DigestAuthorization(String username, String realm, String nonce, String uri, String response,
                           Optional<String> qop, Optional<String> nc, Optional<String> cnonce,
                           DigestAlgorithm algorithm) {

    /** Thrown for a header we cannot read; the message is safe to put in a reason phrase. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    static DigestAuthorization parse(String value) throws MalformedException {
        String text = value.strip();
        if (text.length() < 7 || !text.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(text.charAt(6))) {
            throw new MalformedException("Not A Digest Authorization");
        }
        Map<String, String> directives = directives(text.substring(7));
        String username = required(directives, "username");
        String realm = required(directives, "realm");
        String nonce = required(directives, "nonce");
        String uri = required(directives, "uri");
        String response = required(directives, "response").toLowerCase(Locale.ROOT);
        DigestAlgorithm algorithm = DigestAlgorithm.ofToken(directives.get("algorithm"))
                .orElseThrow(() -> new MalformedException("Unsupported Digest Algorithm"));
        if (response.length() != algorithm.hexLength() || !response.matches("[0-9a-f]+")) {
            throw new MalformedException("Malformed Digest Response");
        }
        Optional<String> qop = Optional.ofNullable(directives.get("qop"));
        Optional<String> nc = Optional.ofNullable(directives.get("nc"));
        Optional<String> cnonce = Optional.ofNullable(directives.get("cnonce"));
        if (qop.isPresent()) {
            if (!qop.get().equalsIgnoreCase("auth")) {
                throw new MalformedException("Unsupported Digest Qop"); // we offer qop=auth only
            }
            if (nc.isEmpty() || !nc.get().matches("[0-9a-fA-F]{8}") || cnonce.isEmpty() || cnonce.get().isEmpty()) {
                throw new MalformedException("Digest Qop Without Nc Or Cnonce"); // RFC 7616 §3.4
            }
        }
        return new DigestAuthorization(username, realm, nonce, uri, response, qop, nc, cnonce, algorithm);
    }

    private static String required(Map<String, String> directives, String name) throws MalformedException {
        String v = directives.get(name);
        if (v == null) {
            throw new MalformedException("Digest Without " + name);
        }
        return v;
    }

    /** {@code name=token} or {@code name="quoted"} separated by commas; duplicates are malformed. */
    static Map<String, String> directives(String text) throws MalformedException {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpace(text, i);
            int start = i;
            while (i < n && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new MalformedException("Malformed Digest Directive");
            }
            String name = text.substring(start, i).toLowerCase(Locale.ROOT);
            i = skipSpace(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new MalformedException("Malformed Digest Directive");
            }
            i = skipSpace(text, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedException("Unterminated Quoted String");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            throw new MalformedException("Unterminated Quoted String");
                        }
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                int vs = i;
                while (i < n && isTokenChar(text.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    throw new MalformedException("Malformed Digest Directive");
                }
                value.append(text, vs, i);
            }
            if (out.put(name, value.toString()) != null) {
                throw new MalformedException("Repeated Digest Directive");
            }
            i = skipSpace(text, i);
            if (i >= n) {
                return out;
            }
            if (text.charAt(i) != ',') {
                throw new MalformedException("Malformed Digest Directive");
            }
            i++;
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        // RFC 3261 §25.1 token characters
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-.!%*_+`'~:/@".indexOf(c) >= 0;
    }
}
