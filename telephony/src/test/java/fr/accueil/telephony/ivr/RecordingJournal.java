package fr.accueil.telephony.ivr;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.core.contact.ContactStart;
import fr.accueil.core.contact.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory journal that keeps what the IVR wrote, to assert on it. */
final class RecordingJournal implements ContactJournal {
    private final Map<ContactId, ContactStart> starts = new ConcurrentHashMap<>();
    private final Map<ContactId, List<ContactEvent>> events = new ConcurrentHashMap<>();
    private final Map<ContactId, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<ContactId, Integer> closes = new ConcurrentHashMap<>();

    @Override
    public void open(ContactStart start) {
        starts.put(start.id(), start);
        events.put(start.id(), new ArrayList<>());
    }

    @Override
    public void append(ContactId id, ContactEvent event) {
        events.get(id).add(event);
    }

    @Override
    public void close(ContactId id, Outcome outcome, Instant endedAt) {
        outcomes.put(id, outcome);
        closes.merge(id, 1, Integer::sum);
    }

    @Override
    public Optional<Contact> find(ContactId id) {
        ContactStart s = starts.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Optional<Outcome> outcome = Optional.ofNullable(outcomes.get(id));
        return Optional.of(new Contact(id, s.channel(), s.administration(), s.service(), s.dialled(), s.caller(),
                s.startedAt(), outcome.map(o -> s.startedAt()), outcome, events.get(id)));
    }

    @Override
    public List<Contact> search(Instant from, Instant to, String service, int offset, int limit) {
        return starts.keySet().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public long count(Instant from, Instant to, String service) {
        return starts.size();
    }

    @Override
    public int closeInterrupted(Instant now) {
        return 0;
    }

    /** The only contact written; fails the test if there is not exactly one. */
    Contact single() {
        if (starts.size() != 1) {
            throw new AssertionError("expected one contact, found " + starts.size());
        }
        return find(starts.keySet().iterator().next()).orElseThrow();
    }

    int closeCount(ContactId id) {
        return closes.getOrDefault(id, 0);
    }

    int size() {
        return starts.size();
    }
}
