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

    /** Whole seconds left at {@code now}, never negative. */
    public long secondsLeft(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }
}
