package fr.accueil.telephony.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest (RFC 7616, qop=auth, MD5 and SHA-256) computed here on its own, sharing nothing with
 * the registrar's code, so a test phone checks Accueil's digests rather than mirroring them.
 */
final class DigestMath {
    private static final Pattern DIRECTIVE = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");

    private DigestMath() {
    }

    static Map<String, String> directives(String headerValue) {
        String text = headerValue.strip();
        if (text.regionMatches(true, 0, "Digest ", 0, 7)) {
            text = text.substring(7);
        }
        Map<String, String> out = new HashMap<>();
        Matcher m = DIRECTIVE.matcher(text);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3));
        }
        return out;
    }

    static String hash(String algorithm, String text) {
        try {
            String jca = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String response(String algorithm, String user, String realm, String password, String method, String uri,
                           String nonce, String nc, String cnonce) {
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** An Authorization value answering {@code challenge} (qop=auth assumed, as both our servers offer). */
    static String authorization(String challenge, String method, String uri, String user, String password) {
        Map<String, String> c = directives(challenge);
        String algorithm = c.getOrDefault("algorithm", "MD5");
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String nc = "00000001";
        String response = response(algorithm, user, c.get("realm"), password, method, uri, c.get("nonce"), nc, cnonce);
        return "Digest username=\"" + user + "\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
    }

    /** Whether an Authorization value carries the right response for this password, nonce and method. */
    static boolean verifies(String authorization, String method, String username, String realm, String password, String nonce) {
        Map<String, String> a = directives(authorization);
        if (!username.equals(a.get("username")) || !realm.equals(a.get("realm")) || !nonce.equals(a.get("nonce"))
                || !"auth".equals(a.get("qop")) || a.get("uri") == null || a.get("response") == null) {
            return false;
        }
        String expected = response(a.getOrDefault("algorithm", "MD5"), username, realm, password, method, a.get("uri"),
                nonce, a.get("nc"), a.get("cnonce"));
        return expected.equals(a.get("response").toLowerCase(Locale.ROOT));
    }
}
