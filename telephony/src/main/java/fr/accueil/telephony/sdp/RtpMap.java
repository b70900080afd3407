package fr.accueil.telephony.sdp;

import java.util.Locale;

/** {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]}, RFC 4566 §6. */
public record RtpMap(int payloadType, String encoding, int clockRate, Integer channels) {

    static RtpMap parse(String value) throws SdpFormatException {
        // "101 telephone-event/8000" or "8 PCMA/8000/1"
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw new SdpFormatException("malformed rtpmap '" + value + "'");
        }
        try {
            int pt = Integer.parseInt(value.substring(0, space).trim());
            String[] parts = value.substring(space + 1).trim().split("/");
            if (parts.length < 2 || parts[0].isEmpty()) {
                throw new SdpFormatException("malformed rtpmap '" + value + "'");
            }
            Integer channels = parts.length > 2 ? Integer.valueOf(parts[2].trim()) : null;
            return new RtpMap(pt, parts[0].trim(), Integer.parseInt(parts[1].trim()), channels);
        } catch (NumberFormatException e) {
            throw new SdpFormatException("malformed rtpmap '" + value + "'");
        }
    }

    public boolean is(String encodingName, int rate) {
        return encoding.toUpperCase(Locale.ROOT).equals(encodingName.toUpperCase(Locale.ROOT)) && clockRate == rate;
    }

    public String text() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == null ? "" : "/" + channels);
    }
}
