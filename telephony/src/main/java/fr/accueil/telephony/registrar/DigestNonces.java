package fr.accueil.telephony.registrar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 7616 §5.4): {@code <issue millis hex>.<random hex>.<HMAC-SHA256 of both>}
 * under a secret drawn at start-up, so any nonce we issued can be checked and dated without keeping
 * a table a REGISTER flood could fill. Nonce counts are not tracked: a captured REGISTER can be
 * replayed while its nonce is fresh, which at worst refreshes the same bindings. Thread-safe.
 */
final class DigestNonces {
    enum Check { FRESH, STALE, FORGED }

    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    DigestNonces(Clock clock, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue() {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        String payload = Long.toHexString(clock.millis()) + "." + HEX.formatHex(salt);
        return payload + "." + mac(payload);
    }

    Check check(String nonce) {
        int last = nonce.lastIndexOf('.');
        int first = nonce.indexOf('.');
        if (first <= 0 || last == first) {
            return Check.FORGED;
        }
        String payload = nonce.substring(0, last);
        byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, nonce.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Check.FORGED;
        }
        long issued;
        try {
            issued = Long.parseUnsignedLong(nonce.substring(0, first), 16);
        } catch (NumberFormatException e) {
            return Check.FORGED;
        }
        long age = clock.millis() - issued;
        return age < 0 || age > lifetime.toMillis() ? Check.STALE : Check.FRESH;
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HEX.formatHex(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
