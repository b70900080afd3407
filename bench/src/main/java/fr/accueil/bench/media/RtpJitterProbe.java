package fr.accueil.bench.media;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Receives many RTP streams on one UDP port (the SDP of every benchmark call points here) and
 * measures, per stream (SSRC), the send-interval jitter as seen by the receiver: |arrival interval
 * − 20 ms|, plus sequence-number loss. Prints one summary line and a key=value block.
 *
 * <p>Usage: {@code RtpJitterProbe PORT WARMUP_SECONDS MEASURE_SECONDS}. Only intervals inside the
 * measurement window count; the first packet of each stream and intervals spanning a stream's
 * silence-to-prompt switch are still 20 ms apart, because Accueil sends continuously.
 */
public final class RtpJitterProbe {
    /** 10 µs buckets up to 1 s. */
    private static final int BUCKET_NANOS = 10_000;
    private static final long[] HISTOGRAM = new long[100_001];

    private static final class Stream {
        long lastArrival;
        int lastSeq = -1;
        long packets;
        long lost;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long warmupNanos = Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
        long measureNanos = Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        Map<Long, Stream> streams = new HashMap<>();
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", port));
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long start = System.nanoTime();
            long measureFrom = start + warmupNanos;
            long end = measureFrom + measureNanos;
            long intervals = 0;
            long packets = 0;
            long lost = 0;
            int maxStreams = 0;
            channel.configureBlocking(true);
            channel.socket().setSoTimeout(200);
            Thread.currentThread().setPriority(Thread.MAX_PRIORITY);
            while (true) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    continue;
                }
                long now = System.nanoTime();
                if (now > end) {
                    break;
                }
                if (buffer.position() < 12) {
                    continue;
                }
                int seq = ((buffer.get(2) & 0xff) << 8) | (buffer.get(3) & 0xff);
                long ssrc = ((long) (buffer.get(8) & 0xff) << 24) | ((buffer.get(9) & 0xff) << 16)
                        | ((buffer.get(10) & 0xff) << 8) | (buffer.get(11) & 0xff);
                Stream s = streams.computeIfAbsent(ssrc, k -> new Stream());
                boolean measuring = now >= measureFrom;
                if (s.lastSeq >= 0 && measuring) {
                    int expected = (s.lastSeq + 1) & 0xffff;
                    if (seq == expected) {
                        long jitter = Math.abs((now - s.lastArrival) - 20_000_000L);
                        HISTOGRAM[(int) Math.min(jitter / BUCKET_NANOS, HISTOGRAM.length - 1)]++;
                        intervals++;
                    } else {
                        int gap = (seq - expected) & 0xffff;
                        if (gap < 1000) {
                            s.lost += gap;
                            lost += gap;
                        }
                    }
                    packets++;
                    s.packets++;
                }
                s.lastSeq = seq;
                s.lastArrival = now;
                if (measuring) {
                    maxStreams = Math.max(maxStreams, streams.size());
                }
            }
            long active = streams.values().stream().filter(s -> s.packets > 0).count();
            System.out.printf(Locale.ROOT, "streams=%d packets=%d intervals=%d lost=%d loss=%.4f%% p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                    active, packets, intervals, lost, packets == 0 ? 0.0 : 100.0 * lost / (packets + lost),
                    percentile(intervals, 0.50), percentile(intervals, 0.99), percentile(intervals, 0.999), percentile(intervals, 1.0));
        }
    }

    private static double percentile(long total, double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < HISTOGRAM.length; i++) {
            seen += HISTOGRAM[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1_000_000.0;
            }
        }
        return Double.NaN;
    }
}
