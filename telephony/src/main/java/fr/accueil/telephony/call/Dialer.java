package fr.accueil.telephony.call;

import fr.accueil.telephony.media.MediaUnavailableException;

/** Places outbound calls (the SIP endpoint implements it). Thread-safe. */
public interface Dialer {

    /** Sends the INVITE with our SDP offer and returns at once. */
    OutboundCall dial(Dial dial) throws MediaUnavailableException;
}
