package fr.accueil.telephony.call;

/**
 * What the far end of a {@link Leg} did. Called on SIP threads: implementations hand the fact to the
 * call's own thread (a queue, a future) and return at once.
 */
public interface LegListener {

    /** The dialog ended (BYE, CANCEL, media time-out, signalling failure, shutdown). Called once. */
    default void ended(EndCause cause) {
    }

    /**
     * The far end sent REFER (an agent's blind transfer). Return true to accept it: the endpoint answers
     * 202 Accepted and NOTIFYs "200 OK" (RFC 3515); the far end is then expected to hang up. Return false
     * to refuse it with 603 Decline. {@code referTo} is the Refer-To URI as received.
     */
    default boolean transferRequested(String referTo) {
        return false;
    }

    /**
     * The REFER accepted by {@link #transferRequested} has been answered 202 and NOTIFYed. Act on the
     * transfer here, not in {@code transferRequested}: hanging up the far end's leg earlier sent the BYE
     * before the NOTIFY, which then could not be sent at all (RFC 3515 §2.4.4 requires it).
     */
    default void transferAccepted(String referTo) {
    }

    /** The far end put the call on hold (re-INVITE sendonly/inactive) or took it off hold. */
    default void holdChanged(boolean onHold) {
    }
}
