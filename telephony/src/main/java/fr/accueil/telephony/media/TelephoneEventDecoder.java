package fr.accueil.telephony.media;

/**
 * Turns RFC 4733 telephone-event packets into digits, each reported once.
 *
 * <p>An event is identified by its RTP timestamp (RFC 4733 §2.5.1.1: all packets of one event carry
 * the timestamp of its start). A digit is reported at its first end packet; the end packet is
 * retransmitted (usually three times, §2.5.1.4), so (timestamp, event) of the last report is kept to
 * drop the copies. Senders that never set the end bit are tolerated: an event still unreported is
 * reported when a packet with a new event timestamp arrives, or when any packet of the session
 * arrives more than {@link #END_GAP_NANOS} after that event's last packet.
 *
 * <p>Threading: confined to the engine's receiver thread.
 */
final class TelephoneEventDecoder {
    static final long END_GAP_NANOS = 250_000_000L;
    private static final char[] EVENTS = "0123456789*#ABCD".toCharArray();

    interface DigitSink {
        void digit(char digit);
    }

    private final DigitSink sink;
    private boolean anyReported;
    private int reportedTimestamp;
    private int reportedEvent;
    private boolean pending;
    private int pendingTimestamp;
    private int pendingEvent;
    private long pendingSeenNanos;

    TelephoneEventDecoder(DigitSink sink) {
        this.sink = sink;
    }

    /** A telephone-event packet: event code, end bit, RTP timestamp. */
    void onEvent(int timestamp, int event, boolean end, long nowNanos) {
        if (pending && pendingTimestamp != timestamp) {
            report(pendingTimestamp, pendingEvent);  // previous event never ended
        }
        if (anyReported && reportedTimestamp == timestamp && reportedEvent == event) {
            pending = false;  // retransmitted end packet, or a late packet of an event already reported
            return;
        }
        if (end) {
            report(timestamp, event);
        } else {
            pending = true;
            pendingTimestamp = timestamp;
            pendingEvent = event;
            pendingSeenNanos = nowNanos;
        }
    }

    /** Any other packet of the session (audio): closes an event whose sender forgot the end bit. */
    void onOtherPacket(long nowNanos) {
        if (pending && nowNanos - pendingSeenNanos > END_GAP_NANOS) {
            report(pendingTimestamp, pendingEvent);
        }
    }

    private void report(int timestamp, int event) {
        pending = false;
        anyReported = true;
        reportedTimestamp = timestamp;
        reportedEvent = event;
        if (event >= 0 && event < EVENTS.length) {
            sink.digit(EVENTS[event]);
        }
    }
}
