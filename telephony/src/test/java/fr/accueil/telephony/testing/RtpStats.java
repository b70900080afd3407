package fr.accueil.telephony.testing;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of what one RTP endpoint received.
 *
 * @param packets            every RTP packet received
 * @param packetsByPayloadType count per payload type
 * @param lostPackets        sequence numbers skipped (forward gaps) among audio packets
 * @param outOfOrderPackets  audio packets whose sequence number went backwards
 * @param audioIntervalsNanos arrival interval between consecutive audio (G.711) packets
 * @param peakRms            RMS of the loudest 100 ms of decoded audio
 * @param firstSource        where the first packet came from (to check symmetric RTP)
 * @param events             RFC 4733 event packets received, in arrival order
 */
public record RtpStats(long packets, Map<Integer, Long> packetsByPayloadType, long lostPackets,
                       long outOfOrderPackets, long[] audioIntervalsNanos, double peakRms,
                       Optional<InetSocketAddress> firstSource, List<RtpEvent> events) {

    /** One received RFC 4733 packet (§2.3): event code, end bit, duration and RTP header fields. */
    public record RtpEvent(int event, boolean end, int volume, int duration, boolean marker, int sequence,
                           long timestamp) {
        public char digit() {
            return switch (event) {
                case 10 -> '*';
                case 11 -> '#';
                default -> event < 10 ? (char) ('0' + event) : '?';
            };
        }
    }

    public long audioPackets() {
        return packetsByPayloadType.getOrDefault(8, 0L) + packetsByPayloadType.getOrDefault(0, 0L);
    }

    public boolean heardNonSilentAudio() {
        return peakRms >= WavAnalysis.DEFAULT_SILENCE_RMS;
    }

    /** Percentile (0–100) of audio inter-arrival intervals, in milliseconds; NaN when fewer than 2 packets. */
    public double intervalPercentileMillis(double percentile) {
        return percentile(audioIntervalsNanos, percentile) / 1e6;
    }

    /**
     * Percentile of |interval − 20 ms|: how far each packet arrived from the 20 ms pace, the figure the
     * benchmark reports as jitter.
     */
    public double jitterPercentileMillis(double percentile) {
        long[] deviations = Arrays.stream(audioIntervalsNanos).map(i -> Math.abs(i - 20_000_000L)).toArray();
        return percentile(deviations, percentile) / 1e6;
    }

    /**
     * Digits seen, de-duplicated the way a receiver must (RFC 4733 §2.5.1.3: one event per
     * RTP timestamp), in order.
     */
    public String digits() {
        StringBuilder sb = new StringBuilder();
        long lastTimestamp = -1;
        for (RtpEvent e : events) {
            if (e.timestamp() != lastTimestamp) {
                sb.append(e.digit());
                lastTimestamp = e.timestamp();
            }
        }
        return sb.toString();
    }

    static double percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return "RtpStats[packets=" + packets + ", byPt=" + packetsByPayloadType + ", lost=" + lostPackets
                + ", outOfOrder=" + outOfOrderPackets + ", peakRms=" + Math.round(peakRms)
                + ", intervals p50=" + intervalPercentileMillis(50) + "ms p99=" + intervalPercentileMillis(99)
                + "ms, from=" + firstSource.orElse(null) + ", digits=" + digits() + "]";
    }
}
