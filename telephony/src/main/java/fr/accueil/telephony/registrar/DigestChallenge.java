package fr.accueil.telephony.registrar;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} / {@code Proxy-Authenticate} Digest challenge we answer as a client
 * (an outbound trunk challenging our INVITE), and the {@code Authorization} value that answers it
 * (RFC 7616 §3.4, RFC 8760 for SHA-256). The directive grammar is the one our registrar reads
 * ({@link DigestAuthorization}), so client and server cannot drift apart on quoting.
 *
 * @param qopAuth true when the challenge offers {@code qop=auth} (then nc/cnonce are sent); a
 *                challenge offering only {@code auth-int} is not answerable and not parsed
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, DigestAlgorithm algorithm,
                              boolean qopAuth) {

    /** The challenge in {@code value}, or empty when it is not Digest or uses what we cannot answer. */
    public static Optional<DigestChallenge> parse(String value) {
        String text = value.strip();
        if (text.length() < 7 || !text.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(text.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> d;
        try {
            d = DigestAuthorization.directives(text.substring(7));
        } catch (DigestAuthorization.MalformedException e) {
            return Optional.empty();
        }
        String realm = d.get("realm");
        String nonce = d.get("nonce");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.ofToken(d.get("algorithm"));
        if (realm == null || nonce == null || algorithm.isEmpty()) {
            return Optional.empty();
        }
        String qop = d.get("qop");
        boolean auth = false;
        if (qop != null) {
            for (String option : qop.split(",")) {
                auth |= option.strip().equalsIgnoreCase("auth");
            }
            if (!auth) {
                return Optional.empty();
            }
        }
        return Optional.of(new DigestChallenge(realm, nonce, Optional.ofNullable(d.get("opaque")), algorithm.get(), auth));
    }

    /** The strongest challenge we can answer among several headers (RFC 7616 §3.7: pick the preferred). */
    public static Optional<DigestChallenge> best(List<String> values) {
        Optional<DigestChallenge> best = Optional.empty();
        for (String value : values) {
            Optional<DigestChallenge> c = parse(value);
            if (c.isPresent() && (best.isEmpty() || c.get().algorithm().ordinal() < best.get().algorithm().ordinal())) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The Authorization (or Proxy-Authorization) header value for a request.
     *
     * @param cnonce a fresh random client nonce (used with qop=auth)
     */
    public String authorization(String method, String uri, String username, String password, String cnonce) {
        DigestAlgorithm h = algorithm;
        String ha1 = h.ha1(username, realm, password);
        String ha2 = h.hash(method + ":" + uri);
        String nc = "00000001";
        String response = qopAuth
                ? h.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : h.hash(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder sb = new StringBuilder("Digest username=").append(quoted(username))
                .append(", realm=").append(quoted(realm))
                .append(", nonce=").append(quoted(nonce))
                .append(", uri=").append(quoted(uri))
                .append(", response=").append(quoted(response))
                .append(", algorithm=").append(h.token());
        if (qopAuth) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quoted(cnonce));
        }
        opaque.ifPresent(o -> sb.append(", opaque=").append(quoted(o)));
        return sb.toString();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
