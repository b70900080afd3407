package fr.accueil.telephony.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the {@link SipEndpoint}. Validated on construction: every message names the
 * field and the limit it broke, so a bad configuration fails at start-up, not during a call.
 *
 * @param bindAddress           local address the UDP and TCP listening points bind to
 * @param port                  SIP port, used for UDP and TCP alike; 0 picks a free port (tests)
 * @param advertisedHost        host put in Contact headers (what peers can reach us at)
 * @param maxConcurrentCalls    INVITEs beyond this are answered 503 with Retry-After
 * @param retryAfter            Retry-After sent with 503 (whole seconds, RFC 3261 §20.33)
 * @param rtpInactivityTimeout  an answered call with no RTP for this long is ended (MEDIA_TIMEOUT)
 * @param maxCallDuration       a call older than this is hung up
 * @param ackWait               how long we wait for the ACK of our 2xx (RFC 3261 Timer H, 64·T1)
 * @param maxMessageSize        largest SIP message accepted, in bytes
 * @param stackThreadPoolSize   JAIN-SIP message processing threads (bounded pool)
 * @param tcpIdleTimeout        a TCP connection silent this long, or stuck this long inside a message,
 *                              is closed (half-open protection); above RFC 5626's 95–120 s keep-alive
 *                              period by default, so a TCP caller sending keep-alives keeps its connection
 * @param transferTimeout       how long a REFER waits for its response, then for the final NOTIFY
 */
public record SipSettings(String bindAddress, int port, String advertisedHost, int maxConcurrentCalls,
                          Duration retryAfter, Duration rtpInactivityTimeout, Duration maxCallDuration,
                          Duration ackWait, int maxMessageSize, int stackThreadPoolSize,
                          Duration tcpIdleTimeout, Duration transferTimeout) {

    public SipSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (advertisedHost.isBlank()) {
            throw new IllegalArgumentException("advertisedHost must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535 (0 = any free port), got " + port);
        }
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 100_000) {
            throw new IllegalArgumentException("maxConcurrentCalls must be within 1..100000, got " + maxConcurrentCalls);
        }
        within("retryAfter", retryAfter, Duration.ofSeconds(1), Duration.ofHours(1));
        within("rtpInactivityTimeout", rtpInactivityTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        within("maxCallDuration", maxCallDuration, Duration.ofMillis(100), Duration.ofHours(24));
        within("ackWait", ackWait, Duration.ofMillis(100), Duration.ofMinutes(5));
        within("tcpIdleTimeout", tcpIdleTimeout, Duration.ofMillis(100), Duration.ofHours(2));
        within("transferTimeout", transferTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        if (maxMessageSize < 1024 || maxMessageSize > 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageSize must be within 1024..1048576 bytes, got " + maxMessageSize);
        }
        if (stackThreadPoolSize < 1 || stackThreadPoolSize > 256) {
            throw new IllegalArgumentException("stackThreadPoolSize must be within 1..256, got " + stackThreadPoolSize);
        }
    }

    /** Production defaults: RTP time-out 30 s, 2 h calls, Timer H 32 s, 64 KiB messages, TCP idle 180 s. */
    public static SipSettings defaults(String bindAddress, int port) {
        return new SipSettings(bindAddress, port, bindAddress, 1000, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofHours(2), Duration.ofSeconds(32), 64 * 1024, 8, Duration.ofSeconds(180), Duration.ofSeconds(10));
    }

    public SipSettings withPort(int newPort) {
        return new SipSettings(bindAddress, newPort, advertisedHost, maxConcurrentCalls, retryAfter, rtpInactivityTimeout,
                maxCallDuration, ackWait, maxMessageSize, stackThreadPoolSize, tcpIdleTimeout, transferTimeout);
    }

    public SipSettings withMaxConcurrentCalls(int calls) {
        return new SipSettings(bindAddress, port, advertisedHost, calls, retryAfter, rtpInactivityTimeout,
                maxCallDuration, ackWait, maxMessageSize, stackThreadPoolSize, tcpIdleTimeout, transferTimeout);
    }

    public SipSettings withTimers(Duration rtpInactivity, Duration maxDuration, Duration ack) {
        return new SipSettings(bindAddress, port, advertisedHost, maxConcurrentCalls, retryAfter, rtpInactivity,
                maxDuration, ack, maxMessageSize, stackThreadPoolSize, tcpIdleTimeout, transferTimeout);
    }

    public SipSettings withLimits(int messageSize, Duration tcpIdle, Duration transfer) {
        return new SipSettings(bindAddress, port, advertisedHost, maxConcurrentCalls, retryAfter, rtpInactivityTimeout,
                maxCallDuration, ackWait, messageSize, stackThreadPoolSize, tcpIdle, transfer);
    }

    private static void within(String field, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
