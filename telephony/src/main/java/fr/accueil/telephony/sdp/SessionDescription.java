package fr.accueil.telephony.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SDP session description (RFC 4566 subset: v, o, s, c, t, m, a; other lines such as b= or
 * i= are skipped by the parser). Immutable.
 */
public record SessionDescription(Origin origin, String sessionName, String connectionAddress, String timing,
                                 List<Attribute> attributes, List<MediaDescription> media) {
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(timing, "timing");
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The media-level c= address, else the session-level one. */
    public Optional<String> connectionAddressOf(MediaDescription m) {
        return Optional.ofNullable(m.connectionAddress() != null ? m.connectionAddress() : connectionAddress);
    }

    /** Media-level direction, else session-level, else sendrecv (RFC 4566 §6). */
    public Direction directionOf(MediaDescription m) {
        return m.direction().or(() -> {
            for (Attribute a : attributes) {
                Optional<Direction> d = Direction.fromAttribute(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }).orElse(Direction.SENDRECV);
    }
}
