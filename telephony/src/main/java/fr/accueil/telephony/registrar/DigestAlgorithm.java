package fr.accueil.telephony.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Digest algorithms we challenge with, strongest first (RFC 7616 §3.7: the preferred one first). */
public enum DigestAlgorithm {
    /** RFC 8760 / RFC 7616 §3.4.6. */
    SHA_256("SHA-256", "SHA-256"),
    /** RFC 2617; kept because many deployed phones know nothing else. */
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the {@code algorithm} directive. */
    public String token() {
        return token;
    }

    /** Length of a hex digest of this algorithm. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    /** By directive value; an absent algorithm means MD5 (RFC 7616 §3.3). */
    public static Optional<DigestAlgorithm> ofToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the digest of the UTF-8 text. */
    public String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** HA1 = H(username:realm:password) (RFC 7616 §3.4.2), what we store instead of the password. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /** Lower-case name used in configuration ({@code sha256:}, {@code md5:}). */
    public String configPrefix() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
