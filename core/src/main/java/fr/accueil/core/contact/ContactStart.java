package fr.accueil.core.contact;

import java.time.Instant;
import java.util.Objects;

/** What is known when a contact opens; written to the journal before anything else happens. */
public record ContactStart(ContactId id, Channel channel, String administration, String service, String dialled,
                           String caller, Instant startedAt) {
    public ContactStart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
