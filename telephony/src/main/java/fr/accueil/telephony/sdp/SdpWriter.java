package fr.accueil.telephony.sdp;

/** Writes a {@link SessionDescription} as SDP text with CRLF line ends (RFC 4566 §5). Thread-safe. */
public final class SdpWriter {
    private SdpWriter() {
    }

    public static String write(SessionDescription sd) {
        StringBuilder out = new StringBuilder(256);
        line(out, 'v', "0");
        line(out, 'o', sd.origin().text());
        line(out, 's', sd.sessionName().isEmpty() ? "-" : sd.sessionName());
        if (sd.connectionAddress() != null) {
            line(out, 'c', connection(sd.connectionAddress()));
        }
        line(out, 't', sd.timing());
        for (Attribute a : sd.attributes()) {
            line(out, 'a', a.text());
        }
        for (MediaDescription m : sd.media()) {
            line(out, 'm', m.media() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()));
            if (m.connectionAddress() != null) {
                line(out, 'c', connection(m.connectionAddress()));
            }
            for (Attribute a : m.attributes()) {
                line(out, 'a', a.text());
            }
        }
        return out.toString();
    }

    static String connection(String address) {
        return "IN " + (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append("\r\n");
    }
}
