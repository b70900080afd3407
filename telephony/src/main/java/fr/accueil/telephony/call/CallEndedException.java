package fr.accueil.telephony.call;

/**
 * Thrown out of a blocking call operation when the call is over: the caller hung up (BYE/CANCEL),
 * media timed out, or the server is stopping. The script unwinds and records the end.
 */
public class CallEndedException extends Exception {
    private final EndCause cause;

    public CallEndedException(EndCause cause) {
        super(cause.name(), null, false, false);
        this.cause = cause;
    }

    public EndCause endCause() {
        return cause;
    }
}
