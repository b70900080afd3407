package fr.accueil.telephony.registrar;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the registrar, validated on construction.
 *
 * @param realm           digest realm (RFC 7616 §3.3), e.g. the service's SIP domain
 * @param minExpires      shorter non-zero registrations get 423 with Min-Expires (RFC 3261 §10.3 ¶ 7)
 * @param maxExpires      longer ones are shortened to this
 * @param defaultExpires  used when neither the contact nor the request says
 * @param nonceLifetime   an older nonce is answered 401 with {@code stale=true}
 * @param maxContacts     bindings one agent may hold at once
 * @param maxFailures     failed authentications from one source address within {@code failureWindow}
 *                        after which that address is refused (403) without computing digests
 * @param failureWindow   window over which failures are counted
 * @param blockFor        how long a source address stays refused
 * @param algorithms      algorithms challenged with, in this order (RFC 8760 §2.4: preferred first), and
 *                        the only ones accepted; some phones (and SIPp 3.6) read only the first challenge
 */
public record RegistrarSettings(String realm, Duration minExpires, Duration maxExpires, Duration defaultExpires,
                                Duration nonceLifetime, int maxContacts, int maxFailures, Duration failureWindow,
                                Duration blockFor, List<DigestAlgorithm> algorithms) {

    public RegistrarSettings {
        Objects.requireNonNull(realm, "realm");
        if (realm.isBlank() || realm.contains("\"") || realm.contains("\\")) {
            throw new IllegalArgumentException("realm must be non-blank, without quotes or backslashes, got '" + realm + "'");
        }
        positive("minExpires", minExpires);
        positive("maxExpires", maxExpires);
        positive("defaultExpires", defaultExpires);
        positive("nonceLifetime", nonceLifetime);
        positive("failureWindow", failureWindow);
        positive("blockFor", blockFor);
        if (maxExpires.compareTo(minExpires) < 0) {
            throw new IllegalArgumentException("maxExpires " + maxExpires + " must not be below minExpires " + minExpires);
        }
        if (defaultExpires.compareTo(minExpires) < 0 || defaultExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("defaultExpires must be within minExpires..maxExpires, got " + defaultExpires);
        }
        if (maxContacts < 1 || maxContacts > 100) {
            throw new IllegalArgumentException("maxContacts must be within 1..100, got " + maxContacts);
        }
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty() || Set.copyOf(algorithms).size() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms must list each algorithm at most once, at least one, got " + algorithms);
        }
        if (maxFailures < 1 || maxFailures > 1000) {
            throw new IllegalArgumentException("maxFailures must be within 1..1000, got " + maxFailures);
        }
    }

    /** Min 60 s, max 3600 s, default 3600 s, nonces 5 min, 10 contacts, 5 failures per 60 s block for 5 min, SHA-256 then MD5. */
    public static RegistrarSettings defaults(String realm) {
        return new RegistrarSettings(realm, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMinutes(5), 10, 5, Duration.ofSeconds(60), Duration.ofMinutes(5),
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
    }

    /** The same settings challenging with {@code order}. */
    public RegistrarSettings withAlgorithms(List<DigestAlgorithm> order) {
        return new RegistrarSettings(realm, minExpires, maxExpires, defaultExpires, nonceLifetime, maxContacts, maxFailures,
                failureWindow, blockFor, order);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
