package fr.accueil.telephony.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code m=} section, RFC 4566 §5.14, with its own {@code c=} (null when the session-level one
 * applies) and attributes in their original order.
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats, String connectionAddress,
                               List<Attribute> attributes) {
    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public boolean isAudio() {
        return media.equals("audio");
    }

    /** Port 0 marks a stream rejected or disabled (RFC 3264 §5.1, §6). */
    public boolean isRejected() {
        return port == 0;
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(a -> a.value() == null ? "" : a.value()).findFirst();
    }

    public Optional<RtpMap> rtpMap(int payloadType) {
        for (Attribute a : attributes) {
            if (a.name().equals("rtpmap") && a.value() != null) {
                try {
                    RtpMap map = RtpMap.parse(a.value());
                    if (map.payloadType() == payloadType) {
                        return Optional.of(map);
                    }
                } catch (SdpFormatException e) {
                    // validated by the parser already; a hand-built description may hold junk: skip it
                }
            }
        }
        return Optional.empty();
    }

    public Optional<String> fmtp(int payloadType) {
        String prefix = payloadType + " ";
        return attributes.stream()
                .filter(a -> a.name().equals("fmtp") && a.value() != null && a.value().startsWith(prefix))
                .map(a -> a.value().substring(prefix.length()).trim())
                .findFirst();
    }

    public OptionalInt ptime() {
        return attribute("ptime").map(v -> {
            try {
                return OptionalInt.of((int) Math.round(Double.parseDouble(v.trim())));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }).orElse(OptionalInt.empty());
    }

    public Optional<Direction> direction() {
        for (Attribute a : attributes) {
            Optional<Direction> d = Direction.fromAttribute(a.name());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
