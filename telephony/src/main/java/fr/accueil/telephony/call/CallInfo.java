package fr.accueil.telephony.call;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * What the network told us about an inbound call. {@code callerNumber} is the raw From user part:
 * it must be pseudonymised before it is stored and never logged at INFO.
 */
public record CallInfo(String callId, String requestUser, String callerNumber, String callerDisplayName,
                       InetSocketAddress source, String transport, Instant receivedAt) {
    public CallInfo {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(requestUser, "requestUser");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
