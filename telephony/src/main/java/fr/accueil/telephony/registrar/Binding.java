package fr.accueil.telephony.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One registered contact of an agent (RFC 3261 §10.2.1).
 *
 * @param contactUri the URI the phone asked to be reached at
 * @param expiresAt  when the binding lapses unless refreshed
 */
public record Binding(String contactUri, Instant expiresAt) {

    public Binding {
        Objects.requireNonNull(contactUri, "contactUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Seconds left at {@code now}, rounded up (a binding granted 300 s shows 300, not 299), never negative. */
    public long secondsLeft(Instant now) {
        long millis = Duration.between(now, expiresAt).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
