package fr.accueil.core.contact;

/** Why the contact ended, as recorded in its final event. */
public enum EndReason {
    /** The caller hung up (BYE or CANCEL). */
    HANG_UP,
    /** The IVR finished the script (message played, goodbye said). */
    COMPLETED,
    /** The service was closed; the caller heard the next opening time. */
    CLOSED,
    /** Too many time-outs or invalid keys and the failure branch ended the call. */
    NO_INPUT,
    /** The call was handed to another number. */
    TRANSFERRED,
    /** Capacity was reached; the call was refused with 503. */
    CAPACITY,
    /** No media arrived for too long, or a signalling error broke the dialog. */
    MEDIA_TIMEOUT,
    /** The server failed while handling the call. */
    ERROR,
    /** The server stopped (crash, kill) while the call was in progress; set at restart. */
    INTERRUPTED
}
