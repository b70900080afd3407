package fr.accueil.telephony.media;

/** No RTP port is free in the configured range (answered 503 by the SIP layer). */
public class MediaUnavailableException extends Exception {
    public MediaUnavailableException(String message) {
        super(message);
    }
}
