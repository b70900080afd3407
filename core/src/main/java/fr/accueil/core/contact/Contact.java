package fr.accueil.core.contact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact as read back from the journal. {@code outcome} and {@code endedAt} are empty while
 * the contact is in progress. {@code caller} is a keyed pseudonym, never the number itself.
 */
public record Contact(ContactId id, Channel channel, String administration, String service, String dialled,
                      String caller, Instant startedAt, Optional<Instant> endedAt, Optional<Outcome> outcome,
                      List<ContactEvent> events) {
    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(startedAt, "startedAt");
        events = List.copyOf(events);
    }

    public boolean inProgress() {
        return outcome.isEmpty();
    }
}
