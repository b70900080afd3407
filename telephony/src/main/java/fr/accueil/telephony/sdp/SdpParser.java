package fr.accueil.telephony.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses SDP text (RFC 4566 §5) into a {@link SessionDescription}. Accepts CRLF or bare LF line
 * ends (RFC 4566 §5 asks parsers to), ignores line types we do not use (i, u, e, p, b, z, k, r) and
 * rejects anything that is not {@code <type>=<value>}. Stateless and thread-safe.
 */
public final class SdpParser {
    private SdpParser() {
    }

    public static SessionDescription parse(String text) throws SdpFormatException {
        if (text == null || text.isBlank()) {
            throw new SdpFormatException("empty SDP");
        }
        String[] lines = text.split("\r?\n");
        Origin origin = null;
        String sessionName = null;
        String sessionConnection = null;
        String timing = null;
        boolean versionSeen = false;
        List<Attribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw new SdpFormatException("line " + number + " is not <type>=<value>: '" + abbreviate(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2).strip();
            if (!versionSeen && type != 'v') {
                throw new SdpFormatException("SDP must start with v= (RFC 4566 §5), line " + number + " is '" + abbreviate(line) + "'");
            }
            switch (type) {
                case 'v' -> {
                    if (versionSeen || !value.equals("0")) {
                        throw new SdpFormatException("line " + number + ": unexpected v=" + abbreviate(value));
                    }
                    versionSeen = true;
                }
                case 'o' -> origin = parseOrigin(value, number);
                case 's' -> sessionName = value;
                case 't' -> timing = value;
                case 'c' -> {
                    String address = parseConnection(value, number);
                    if (current == null) {
                        sessionConnection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build());
                    }
                    current = parseMedia(value, number);
                }
                case 'a' -> {
                    Attribute attribute = parseAttribute(value, number);
                    if (current == null) {
                        sessionAttributes.add(attribute);
                    } else {
                        current.attributes.add(attribute);
                    }
                }
                default -> {
                    // i, u, e, p, b, z, k, r and unknown types: not needed for audio negotiation
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (origin == null) {
            throw new SdpFormatException("no o= line");
        }
        return new SessionDescription(origin, sessionName == null ? "-" : sessionName, sessionConnection,
                timing == null ? "0 0" : timing, sessionAttributes, media);
    }

    private static Origin parseOrigin(String value, int number) throws SdpFormatException {
        String[] f = value.split("\\s+");
        if (f.length != 6) {
            throw new SdpFormatException("line " + number + ": o= needs 6 fields, got '" + abbreviate(value) + "'");
        }
        try {
            return new Origin(f[0], f[1], Long.parseUnsignedLong(f[2]) & Long.MAX_VALUE, f[3], f[4], f[5]);
        } catch (NumberFormatException e) {
            throw new SdpFormatException("line " + number + ": o= session version is not a number: '" + abbreviate(f[2]) + "'");
        }
    }

    private static String parseConnection(String value, int number) throws SdpFormatException {
        String[] f = value.split("\\s+");
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpFormatException("line " + number + ": c= must be 'IN IP4|IP6 <address>', got '" + abbreviate(value) + "'");
        }
        String address = f[2];
        int slash = address.indexOf('/');  // multicast TTL / count suffix (RFC 4566 §5.7)
        return slash > 0 ? address.substring(0, slash) : address;
    }

    private static MediaBuilder parseMedia(String value, int number) throws SdpFormatException {
        String[] f = value.split("\\s+");
        if (f.length < 4) {
            throw new SdpFormatException("line " + number + ": m= needs media, port, proto and formats, got '" + abbreviate(value) + "'");
        }
        String portText = f[1];
        int slash = portText.indexOf('/');
        if (slash > 0) {
            portText = portText.substring(0, slash);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new SdpFormatException("line " + number + ": m= port is not a number: '" + abbreviate(f[1]) + "'");
        }
        if (port < 0 || port > 65535) {
            throw new SdpFormatException("line " + number + ": m= port out of range: " + port);
        }
        MediaBuilder b = new MediaBuilder(f[0], port, f[2]);
        for (int i = 3; i < f.length; i++) {
            if (f[2].startsWith("RTP/") && !f[i].matches("\\d{1,3}") ) {
                throw new SdpFormatException("line " + number + ": RTP payload type is not a number: '" + abbreviate(f[i]) + "'");
            }
            if (f[2].startsWith("RTP/") && Integer.parseInt(f[i]) > 127) {
                throw new SdpFormatException("line " + number + ": RTP payload type above 127: " + f[i]);
            }
            b.formats.add(f[i]);
        }
        return b;
    }

    private static Attribute parseAttribute(String value, int number) throws SdpFormatException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isEmpty()) {
            throw new SdpFormatException("line " + number + ": a= without a name");
        }
        Attribute attribute = colon < 0 ? Attribute.property(name) : Attribute.of(name, value.substring(colon + 1));
        if (name.equals("rtpmap")) {
            RtpMap.parse(attribute.value() == null ? "" : attribute.value());  // fail early on junk
        }
        return attribute;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static final class MediaBuilder {
        final String media;
        final int port;
        final String protocol;
        final List<String> formats = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        String connection;

        MediaBuilder(String media, int port, String protocol) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
        }

        MediaDescription build() {
            return new MediaDescription(media, port, protocol, formats, connection, attributes);
        }
    }
}
