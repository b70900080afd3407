package fr.accueil.core.directory;

import java.util.Objects;

/** Binds a dialled number, and the SIP user part the trunk presents for it, to a service. */
public record NumberRoute(DialledNumber number, String sipUser, ServiceId service) {
    public NumberRoute {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(service, "service");
        if (sipUser == null || sipUser.isBlank() || !sipUser.matches("[A-Za-z0-9+._~-]{1,64}")) {
            throw new IllegalArgumentException("SIP user part must be 1-64 unreserved characters, got '" + sipUser + "'");
        }
    }
}
