package fr.accueil.telephony.media;

/** How a playback ended. */
public enum PlaybackResult {
    COMPLETED, INTERRUPTED_BY_DIGIT
}
