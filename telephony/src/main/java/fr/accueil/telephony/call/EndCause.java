package fr.accueil.telephony.call;

/** Why a call's dialog ended, seen from the signalling and media layers. */
public enum EndCause {
    /** BYE from the caller. */
    REMOTE_BYE,
    /** CANCEL before the call was answered. */
    REMOTE_CANCEL,
    /** We hung up (BYE sent by {@link Call#hangUp()}). */
    LOCAL_HANGUP,
    /** No RTP received for the configured time, or the ACK never came. */
    MEDIA_TIMEOUT,
    /** The call was handed off with REFER and the peer accepted. */
    TRANSFERRED,
    /** The endpoint is shutting down. */
    SHUTDOWN,
    /** A signalling failure (transport error, transaction time-out). */
    SIGNALLING_ERROR
}
