package fr.accueil.telephony.sip;

import fr.accueil.telephony.call.Leg;
import fr.accueil.telephony.call.LegListener;
import java.util.List;
import java.util.Optional;
import javax.sip.Dialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the endpoint needs from a dialog of either direction ({@link SipCall} inbound,
 * {@link SipOutboundCall} outbound) to serve the far end's in-dialog requests: BYE, INFO,
 * re-INVITE (hold), REFER, NOTIFY, OPTIONS. Called on SIP stack threads; never blocks.
 */
interface DialogLeg extends Leg {
    Logger LOG = LoggerFactory.getLogger(DialogLeg.class);

    /** Our tag in this dialog (the To tag of an inbound call, the From tag of an outbound one). */
    String localTag();

    String transport();

    /** The JAIN-SIP dialog, once established. */
    Optional<Dialog> sipDialog();

    /** Listeners registered with {@link #listen}, in order. */
    List<LegListener> listeners();

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

    /**
     * Asks the listeners whether to accept the far end's REFER: the first that says yes wins. No
     * listener, or all saying no, is a refusal (603).
     */
    default boolean transferRequested(String referTo) {
        for (LegListener listener : listeners()) {
            try {
                if (listener.transferRequested(referTo)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("call {}: a leg listener failed on REFER", callId(), e);
            }
        }
        return false;
    }

    /** Tells every listener that the accepted REFER was answered and NOTIFYed, isolating their failures. */
    default void transferAccepted(String referTo) {
        for (LegListener listener : listeners()) {
            try {
                listener.transferAccepted(referTo);
            } catch (RuntimeException e) {
                LOG.warn("call {}: a leg listener failed on an accepted REFER", callId(), e);
            }
        }
    }

    /** Tells every listener of a hold change, isolating their failures. */
    static void tellHold(DialogLeg leg, boolean onHold) {
        for (LegListener listener : leg.listeners()) {
            try {
                listener.holdChanged(onHold);
            } catch (RuntimeException e) {
                LOG.warn("call {}: a leg listener failed on hold change", leg.callId(), e);
            }
        }
    }
}
