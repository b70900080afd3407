package fr.accueil.telephony.acd;

import fr.accueil.core.callback.CallbackRequest;
import fr.accueil.core.directory.Service;
import fr.accueil.telephony.ivr.ContactRecorder;
import java.time.Instant;
import java.util.Optional;

/**
 * A callback the contact centre holds: the request as last saved in the callback book, the open contact
 * it is counted on, and the service (for its name and opening hours, when known). One thread at a time
 * works on it: the callback run of the moment, or the timer that re-enqueues it.
 */
final class PendingCallback {
    private final ContactRecorder recorder;
    private final Optional<Service> service;
    private volatile CallbackRequest request;

    PendingCallback(CallbackRequest request, ContactRecorder recorder, Optional<Service> service) {
        this.request = request;
        this.recorder = recorder;
        this.service = service;
    }

    CallbackRequest request() {
        return request;
    }

    void request(CallbackRequest next) {
        this.request = next;
    }

    ContactRecorder recorder() {
        return recorder;
    }

    String serviceName() {
        return service.map(Service::name).orElse("Rappel");
    }

    /** Due, and within the service's opening hours (unknown service: any time). */
    boolean dueAt(Instant now) {
        return !request.notBefore().isAfter(now) && service.map(s -> s.hours().isOpen(now)).orElse(true);
    }
}
