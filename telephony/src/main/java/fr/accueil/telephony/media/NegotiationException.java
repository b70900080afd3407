package fr.accueil.telephony.media;

/**
 * An SDP offer or answer we cannot accept. {@link #sipStatus()} is what the INVITE is answered
 * with: 488 when no codec matches, 400 when the SDP does not parse.
 */
public class NegotiationException extends Exception {
    private final int sipStatus;

    public NegotiationException(int sipStatus, String message) {
        super(message);
        this.sipStatus = sipStatus;
    }

    public int sipStatus() {
        return sipStatus;
    }
}
