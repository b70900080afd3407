package fr.accueil.telephony.ivr;

import fr.accueil.core.directory.Service;
import fr.accueil.core.routing.QueueId;
import fr.accueil.telephony.call.Call;

/**
 * Where the IVR hands a caller who chose a queue option (the queue runtime implements it). The
 * entrance takes over the call and its contact record: it records the queue's events and closes the
 * record with the outcome (or leaves it open for a pending callback), on the caller's own thread.
 */
public interface QueueEntrance {

    /** Blocks until the caller's part is over (handled, abandoned, overflowed, callback booked). */
    void serve(Call call, ContactRecorder recorder, Service service, QueueId queue);

    /** No queue runtime: the caller hears that the call cannot be taken. */
    QueueEntrance NONE = (call, recorder, service, queue) -> {
        throw new IllegalStateException("queue '" + queue + "' is not available: no queue runtime");
    };
}
