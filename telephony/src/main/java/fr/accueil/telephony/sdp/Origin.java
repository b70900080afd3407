package fr.accueil.telephony.sdp;

import java.util.Objects;

/** The {@code o=} line, RFC 4566 §5.2: username, session id, session version, network and address. */
public record Origin(String username, String sessionId, long version, String netType, String addrType, String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
        if (version < 0) {
            throw new IllegalArgumentException("session version must not be negative: " + version);
        }
    }

    public String text() {
        return username + " " + sessionId + " " + version + " " + netType + " " + addrType + " " + address;
    }
}
