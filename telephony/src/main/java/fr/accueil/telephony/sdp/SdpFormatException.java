package fr.accueil.telephony.sdp;

/** SDP text that does not follow RFC 4566 closely enough for us to use it. */
public class SdpFormatException extends Exception {
    public SdpFormatException(String message) {
        super(message);
    }
}
