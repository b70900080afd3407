package fr.accueil.telephony.media;

/** A prompt that no prompt directory holds, or whose file is not usable audio. */
public class MissingPromptException extends RuntimeException {
    public MissingPromptException(String message) {
        super(message);
    }

    public MissingPromptException(String message, Throwable cause) {
        super(message, cause);
    }
}
