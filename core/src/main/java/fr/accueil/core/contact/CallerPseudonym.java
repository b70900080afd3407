package fr.accueil.core.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a caller's number into a stable pseudonym (HMAC-SHA-256 with a secret key, truncated to 128
 * bits): the same caller gets the same pseudonym for repeat-call statistics, but the number cannot
 * be recovered without the key, and a dictionary attack on the 10^9 French numbers needs the key.
 */
public final class CallerPseudonym {
    private final SecretKeySpec key;

    public CallerPseudonym(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonymisation key must be at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String of(String callerNumber) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return "anonymous";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(callerNumber.trim().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
