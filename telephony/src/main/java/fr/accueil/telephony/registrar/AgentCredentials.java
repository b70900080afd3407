package fr.accueil.telephony.registrar;

import java.util.Optional;

/**
 * Port through which the registrar finds an agent's stored credentials; supplied by the server.
 * Implementations must be thread-safe and must not block for long: they are called on SIP stack
 * threads.
 */
@FunctionalInterface
public interface AgentCredentials {

    /** The credentials of {@code username} in {@code realm}, empty for an unknown user. */
    Optional<StoredCredentials> find(String username, String realm);
}
