package fr.accueil.telephony.testing;

/** A test peer gave up: time-out, unexpected response, or protocol error; the message says what it saw. */
public class TestPhoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TestPhoneException(String message) {
        super(message);
    }

    public TestPhoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
