package fr.accueil.telephony.call;

import fr.accueil.telephony.media.MediaSession;
import java.util.Optional;

/**
 * One SIP dialog with its media, inbound ({@link Call}) or outbound ({@link OutboundCall}): what a
 * bridge needs from either side of a B2BUA connection. Thread-safe.
 */
public interface Leg {

    /** Our Call-ID for this dialog (each leg of a bridged call has its own). */
    String callId();

    /** The leg's RTP session: prompts are played on it, and two legs' sessions are connected to bridge them. */
    MediaSession media();

    /**
     * Registers a listener for what the far end does. Listeners are called on SIP threads and must not
     * block; a listener added after the leg ended is called with {@link LegListener#ended} at once.
     */
    void listen(LegListener listener);

    /** Ends the leg from our side (BYE, CANCEL, or a final answer if not yet answered). Idempotent. */
    void hangUp();

    /** Why the leg ended, once it has. */
    Optional<EndCause> endCause();
}
