package fr.accueil.telephony.registrar;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's SIP credentials as stored: HA1 digests per algorithm for one realm, never the clear
 * password. An account with no HA1 for an algorithm cannot authenticate with that algorithm.
 *
 * @param username the digest username (also the user part of the agent's address of record)
 * @param ha1      lower-case hex HA1 per algorithm
 */
public record StoredCredentials(String username, Map<DigestAlgorithm, String> ha1) {

    public StoredCredentials {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        ha1 = Map.copyOf(ha1);
        if (ha1.isEmpty()) {
            throw new IllegalArgumentException("credentials of " + username + " have no HA1");
        }
        ha1.forEach((algorithm, hex) -> {
            if (hex.length() != algorithm.hexLength() || !hex.matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("HA1 " + algorithm.token() + " of " + username
                        + " must be " + algorithm.hexLength() + " lower-case hex digits");
            }
        });
    }

    /** HA1 for every algorithm, computed from a password that is then dropped (tests, demo accounts). */
    public static StoredCredentials fromPassword(String username, String realm, String password) {
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            ha1.put(a, a.ha1(username, realm, password));
        }
        return new StoredCredentials(username, ha1);
    }

    public Optional<String> ha1(DigestAlgorithm algorithm) {
        return Optional.ofNullable(ha1.get(algorithm));
    }
}
