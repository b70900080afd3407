package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.Leg;
import java.util.Optional;
import javax.sip.Dialog;

/**
 * What the endpoint needs from a dialog of either direction ({@link SipCall} inbound,
 * {@link SipOutboundCall} outbound) to serve the far end's in-dialog requests: BYE, INFO,
 * re-INVITE (hold), REFER, NOTIFY, OPTIONS. Called on SIP stack threads; never blocks.
 */
interface DialogLeg extends Leg {
    /** Our tag in this dialog (the To tag of an inbound call, the From tag of an outbound one). */
    String localTag();

    String transport();

    /** The JAIN-SIP dialog, once established. */
    Optional<Dialog> sipDialog();

    /** Listeners registered with {@link #listen}, in order. */
    LegListeners listeners();

    void onBye();

    /** Our last 2xx carried an offer whose answer has not come yet (RFC 3261 §14.2: a re-offer gets 491). */
    default boolean offerPending() {
        return false;
    }

    /** A re-INVITE was answered; {@code withOffer} false means our 2xx carried the offer. */
    default void onReInviteOffer(boolean withOffer) {
    }

    /** A NOTIFY in the dialog (the outcome of a REFER we sent). */
    default void onNotify(Optional<String> body) {
    }

    /** Records the hold state the far end's last offer asked for; tells listeners when it changed. */
    void holdOffered(boolean onHold);

    /** Whether a listener accepts the far end's REFER (see {@link LegListeners#transferRequested}). */
    default boolean transferRequested(String referTo) {
        return listeners().transferRequested(referTo);
    }

    /** Tells the listeners that the accepted REFER was answered and NOTIFYed. */
    default void transferAccepted(String referTo) {
        listeners().tellTransferAccepted(referTo);
    }
}
