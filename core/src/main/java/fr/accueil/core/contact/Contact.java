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

    /**
     * The caller asked for a callback and it has not ended yet (no {@link ContactEvent.CallbackCompleted}
     * nor {@link ContactEvent.CallbackFailed} after the request): such a contact stays open after the
     * caller hung up, and a restart does not close it (decision 0008).
     */
    public boolean awaitingCallback() {
        boolean awaiting = false;
        for (ContactEvent e : events) {
            switch (e) {
                case ContactEvent.CallbackRequested r -> awaiting = true;
                case ContactEvent.CallbackCompleted c -> awaiting = false;
                case ContactEvent.CallbackFailed f -> awaiting = false;
                default -> { }
            }
        }
        return awaiting;
    }
}
