package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LegListener}s of one dialog ({@link SipCall} or {@link SipOutboundCall}), told in the
 * order they registered; one listener's failure is logged and does not stop the others.
 *
 * <p>Threading: any thread may add; SIP stack threads tell. Every listener hears {@link #tellEnded}
 * exactly once: one that registers after the end is told at once, on the registering thread. The
 * lock guards only the end cause and the add, never a call to a listener.
 */
final class LegListeners {
    private static final Logger LOG = LoggerFactory.getLogger(LegListeners.class);

    private final String callId;
    private final List<LegListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Set once by {@link #tellEnded} (guarded by {@link #lock}). */
    private EndCause endedWith;

    LegListeners(String callId) {
        this.callId = callId;
    }

    /** Registers the listener, or tells it at once how the leg ended if it already has. */
    void add(LegListener listener) {
        EndCause already;
        lock.lock();
        try {
            already = endedWith;
            if (already == null) {
                listeners.add(listener);
            }
        } finally {
            lock.unlock();
        }
        if (already != null) {
            listener.ended(already);
        }
    }

    /** Tells every listener the leg ended; later calls do nothing (a leg ends once). */
    void tellEnded(EndCause cause) {
        lock.lock();
        try {
            if (endedWith != null) {
                return;
            }
            endedWith = cause;
        } finally {
            lock.unlock();
        }
        // The list cannot grow any more: an add from now on sees endedWith and tells its listener itself.
        tellEach(listener -> listener.ended(cause), "");
    }

    /** Tells every listener of a hold change. */
    void tellHold(boolean onHold) {
        tellEach(listener -> listener.holdChanged(onHold), " on hold change");
    }

    /**
     * Asks the listeners whether to accept the far end's REFER: the first that says yes wins. No
     * listener, or all saying no, is a refusal (603).
     */
    boolean transferRequested(String referTo) {
        for (LegListener listener : listeners) {
            try {
                if (listener.transferRequested(referTo)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("call {}: a leg listener failed on REFER", callId, e);
            }
        }
        return false;
    }

    /** Tells every listener that the accepted REFER was answered and NOTIFYed. */
    void tellTransferAccepted(String referTo) {
        tellEach(listener -> listener.transferAccepted(referTo), " on an accepted REFER");
    }

    /** {@code when} completes the warning logged for a failing listener (kept as the logs have said it). */
    private void tellEach(Consumer<LegListener> tell, String when) {
        for (LegListener listener : listeners) {
            try {
                tell.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("call {}: a leg listener failed{}", callId, when, e);
            }
        }
    }
}
