package fr.accueil.telephony.call;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the network told us about an inbound call. {@code callerNumber} is the raw From user part:
 * it must be pseudonymised before it is stored and never logged at INFO.
 *
 * @param authenticatedUser the registrar account whose digest credentials the INVITE carried; present
 *                          only for INVITEs to feature codes (Request-URI user starting with {@code *}),
 *                          which are refused without valid credentials. A From header proves nothing.
 */
public record CallInfo(String callId, String requestUser, String callerNumber, String callerDisplayName,
                       InetSocketAddress source, String transport, Instant receivedAt, Optional<String> authenticatedUser) {
    public CallInfo {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(requestUser, "requestUser");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
    }

    /** An unauthenticated call (the ordinary case: citizens calling a service number). */
    public CallInfo(String callId, String requestUser, String callerNumber, String callerDisplayName,
                    InetSocketAddress source, String transport, Instant receivedAt) {
        this(callId, requestUser, callerNumber, callerDisplayName, source, transport, receivedAt, Optional.empty());
    }

    /** True for an INVITE to a feature code ({@code *…}), which must come from an authenticated agent. */
    public static boolean isFeatureCode(String requestUser) {
        return requestUser != null && requestUser.startsWith("*");
    }
}
