package fr.accueil.telephony.call;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A final negative SIP answer to an INVITE, chosen by the call logic. */
public record Rejection(int status, String reason, Optional<Duration> retryAfter) {
    public Rejection {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 4xx-6xx status, got " + status);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static Rejection notFound() {
        return new Rejection(404, "Not Found", Optional.empty());
    }

    public static Rejection busyHere() {
        return new Rejection(486, "Busy Here", Optional.empty());
    }

    public static Rejection serviceUnavailable(Duration retryAfter) {
        return new Rejection(503, "Service Unavailable", Optional.of(retryAfter));
    }

    public static Rejection temporarilyUnavailable() {
        return new Rejection(480, "Temporarily Unavailable", Optional.empty());
    }
}
