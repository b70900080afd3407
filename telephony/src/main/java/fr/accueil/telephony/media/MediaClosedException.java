package fr.accueil.telephony.media;

/** A media operation on a session that has been closed (call over). */
public class MediaClosedException extends Exception {
    public MediaClosedException() {
        super("media session closed", null, false, false);
    }
}
