package fr.accueil.telephony.acd;

/**
 * A callback cannot be taken: no outbound trunk is configured, the number is refused by the outbound
 * policy, the queue is unknown or full. The message says which, in French for the contact page.
 */
public final class CallbackUnavailableException extends RuntimeException {
    public CallbackUnavailableException(String message) {
        super(message);
    }
}
