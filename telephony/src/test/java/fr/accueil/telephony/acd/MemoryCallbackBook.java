package fr.accueil.telephony.acd;

import fr.accueil.core.callback.CallbackBook;
import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.contact.ContactId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The callback book in memory, keeping every save for assertions. */
final class MemoryCallbackBook implements CallbackBook {
    private final Map<ContactId, CallbackRequest> requests = new ConcurrentHashMap<>();
    final List<CallbackRequest> saves = new CopyOnWriteArrayList<>();
    final List<ContactId> removed = new CopyOnWriteArrayList<>();

    @Override public void save(CallbackRequest request) {
        requests.put(request.contact(), request);
        saves.add(request);
    }

    @Override public Optional<CallbackRequest> find(ContactId contact) {
        return Optional.ofNullable(requests.get(contact));
    }

    @Override public List<CallbackRequest> pending() {
        return requests.values().stream().sorted(Comparator.comparing(CallbackRequest::enqueuedAt)).toList();
    }

    @Override public void remove(ContactId contact) {
        requests.remove(contact);
        removed.add(contact);
    }
}
