package fr.accueil.telephony.media;

/** Opens RTP sessions; the SIP layer depends on this, not on the engine, so it tests without media. */
public interface MediaSessionFactory {

    /** Allocates a local RTP port for a call. */
    MediaSession open(String callId) throws MediaUnavailableException;
}
