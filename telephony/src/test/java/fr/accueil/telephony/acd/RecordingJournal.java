package fr.accueil.telephony.acd;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory journal that keeps what was written, to assert on it; closing twice is a test failure. */
final class RecordingJournal implements ContactJournal {
    final Map<ContactId, ContactStart> starts = new ConcurrentHashMap<>();
    private final Map<ContactId, List<ContactEvent>> events = new ConcurrentHashMap<>();
    private final Map<ContactId, Outcome> outcomes = new ConcurrentHashMap<>();
    final List<ContactId> opened = new CopyOnWriteArrayList<>();
    /** Each contact's event types as they stood at the last {@link #flush}. */
    final Map<ContactId, List<String>> flushed = new ConcurrentHashMap<>();

    @Override public void open(ContactStart start) {
        starts.put(start.id(), start);
        events.put(start.id(), new CopyOnWriteArrayList<>());
        opened.add(start.id());
    }

    @Override public void append(ContactId id, ContactEvent event) {
        events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(event);
    }

    @Override public void flush() {
        events.keySet().forEach(id -> flushed.put(id, types(id)));
    }

    @Override public synchronized void close(ContactId id, Outcome outcome, Instant endedAt) {
        if (outcomes.putIfAbsent(id, outcome) != null) {
            throw new AssertionError("contact " + id + " closed twice");
        }
        notifyAll();
    }

    /** Waits until the contact is closed and returns its outcome. */
    synchronized Outcome awaitOutcome(ContactId id, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!outcomes.containsKey(id)) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("contact " + id + " not closed within " + timeout + "; events " + types(id));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return outcomes.get(id);
    }

    Optional<Outcome> outcome(ContactId id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    List<ContactEvent> events(ContactId id) {
        return List.copyOf(events.getOrDefault(id, List.of()));
    }

    /** Event types in order, e.g. [received, enqueued, offered, answered, ended]. */
    List<String> types(ContactId id) {
        return events(id).stream().map(ContactEvent::type).toList();
    }

    <T extends ContactEvent> List<T> events(ContactId id, Class<T> type) {
        return events(id).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override public Optional<Contact> find(ContactId id) {
        ContactStart s = starts.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Optional<Outcome> outcome = outcome(id);
        return Optional.of(new Contact(id, s.channel(), s.administration(), s.service(), s.dialled(), s.caller(), s.startedAt(),
                outcome.map(o -> s.startedAt()), outcome, events(id)));
    }

    /** As a journal taking over a contact a previous process left open: known and not ended. */
    @Override public Optional<Contact> resume(ContactId id) {
        return find(id).filter(contact -> contact.outcome().isEmpty());
    }

    @Override public List<Contact> search(Instant from, Instant to, String service, int offset, int limit) {
        return List.of();
    }

    @Override public long count(Instant from, Instant to, String service) {
        return starts.size();
    }

    @Override public int closeInterrupted(Instant now) {
        return 0;
    }
}
