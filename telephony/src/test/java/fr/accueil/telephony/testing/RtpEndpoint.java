package fr.accueil.telephony.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One RTP stream of a dialog: its own UDP socket; sends G.711 (silence or a tone) every 20 ms once
 * started, and RFC 4733 events on demand; records everything it receives.
 *
 * <p>Thread-safe: the engine's ticker and receiver threads and test threads share it under one lock.
 */
public final class RtpEndpoint implements AutoCloseable {

    /** What to send and how much to record. */
    public record Options(double toneHz, int recordSeconds) {
        public static final Options DEFAULT = new Options(0, 60);
    }

    private static final int SAMPLES_PER_PACKET = 160; // 20 ms at 8 kHz
    /**
     * Duration added per event packet. SIPp's dtmf_2833_*.pcap captures step by 320 units per 20 ms
     * packet (twice the RTP clock); we copy them so the server meets the same stream from us as from
     * SIPp. RFC 4733 receivers must not depend on it: the end packet's duration is what counts.
     */
    private static final int EVENT_DURATION_STEP = 320;

    private final RtpEngine engine;
    private final DatagramChannel channel;
    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private long toneSample;
    private InetSocketAddress remote;
    private int sendPayloadType = 8;
    private int eventPayloadType = 101;
    private boolean firstPacket = true;
    private final Deque<PendingDigit> digits = new ArrayDeque<>();
    private PendingDigit current;
    private long sentPackets;
    private int audioTicksBeforeNextDigit;

    // receive side
    private long packets;
    private final Map<Integer, Long> byPt = new HashMap<>();
    private long lost;
    private long outOfOrder;
    private int lastSeq = -1;
    private long lastAudioArrival;
    private long[] intervals = new long[1024];
    private int intervalCount;
    private InetSocketAddress firstSource;
    private final List<RtpStats.RtpEvent> events = new ArrayList<>();
    private final WavAnalysis.SampleBuffer heard;
    private double windowSumSq;
    private int windowCount;
    private double peakRms;

    private record PendingDigit(int event, CompletableFuture<Void> done, int[] step, long[] ts) {
    }

    RtpEndpoint(RtpEngine engine, DatagramChannel channel, Options options) {
        this.engine = engine;
        this.channel = channel;
        this.options = options;
        this.heard = new WavAnalysis.SampleBuffer(options.recordSeconds() * 8000);
    }

    DatagramChannel channel() {
        return channel;
    }

    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the 20 ms stream toward {@code remote}; called once the answer's SDP is known. */
    void start(InetSocketAddress remote, int payloadType, int eventPayloadType) {
        lock.lock();
        try {
            this.remote = remote;
            this.sendPayloadType = payloadType;
            this.eventPayloadType = eventPayloadType;
        } finally {
            lock.unlock();
        }
        engine.startSending(this);
    }

    /** Stops sending (hold with inactive/recvonly, or end of call) but keeps receiving. */
    void pause() {
        engine.stopSending(this);
    }

    void resume() {
        if (remote != null) {
            engine.startSending(this);
        }
    }

    public long sentPackets() {
        lock.lock();
        try {
            return sentPackets;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues an RFC 4733 event shaped like SIPp's {@code dtmf_2833_*.pcap}: 7 packets 20 ms apart
     * (the first with the marker bit, durations 0, 320 … 1920), then the end packet (E bit, duration
     * 2240) sent three times with the same sequence number and timestamp (§2.5.1.4). Audio pauses
     * during the event; the RTP clock keeps running, so every digit gets its own timestamp.
     */
    public CompletableFuture<Void> queueDigit(char digit) {
        int event = switch (digit) {
            case '*' -> 10;
            case '#' -> 11;
            case 'A', 'B', 'C', 'D' -> 12 + (digit - 'A');
            default -> {
                if (digit < '0' || digit > '9') {
                    throw new IllegalArgumentException("not a DTMF digit: " + digit);
                }
                yield digit - '0';
            }
        };
        PendingDigit p = new PendingDigit(event, new CompletableFuture<>(), new int[1], new long[1]);
        lock.lock();
        try {
            digits.add(p);
        } finally {
            lock.unlock();
        }
        return p.done();
    }

    void tick(long now) {
        List<ByteBuffer> out = new ArrayList<>(3);
        InetSocketAddress to;
        lock.lock();
        try {
            to = remote;
            if (to == null) {
                return;
            }
            if (current == null && !digits.isEmpty() && audioTicksBeforeNextDigit == 0) {
                current = digits.poll();
                current.ts()[0] = timestamp;
            }
            if (current != null) {
                int step = current.step()[0]++;
                if (step < 7) {
                    out.add(packet(eventPayloadType, step == 0, current.ts()[0], eventPayload(current.event(), false, step * EVENT_DURATION_STEP)));
                } else {
                    ByteBuffer end = packet(eventPayloadType, false, current.ts()[0], eventPayload(current.event(), true, 7 * EVENT_DURATION_STEP));
                    for (int i = 0; i < 3; i++) {
                        out.add(end.duplicate());
                    }
                }
                if (step >= 7) {
                    // Two more ticks of audio before any next digit: a distinct timestamp, a real gap.
                    current.done().complete(null);
                    current = null;
                    audioTicksBeforeNextDigit = 2;
                }
            } else {
                out.add(packet(sendPayloadType, false, timestamp, audioPayload()));
                audioTicksBeforeNextDigit = Math.max(0, audioTicksBeforeNextDigit - 1);
            }
            timestamp = (timestamp + SAMPLES_PER_PACKET) & 0xFFFFFFFFL;
            sentPackets += out.size();
        } finally {
            lock.unlock();
        }
        try {
            for (ByteBuffer b : out) {
                channel.send(b, to);
            }
        } catch (IOException e) {
            engine.stopSending(this);
        }
    }

    private ByteBuffer packet(int pt, boolean marker, long ts, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80);
        b.put((byte) ((marker || firstPacket ? 0x80 : 0) | pt));
        firstPacket = false;
        b.putShort((short) sequence);
        sequence = (sequence + 1) & 0xFFFF;
        b.putInt((int) ts);
        b.putInt(ssrc);
        b.put(payload);
        return b.flip();
    }

    private static byte[] eventPayload(int event, boolean end, int duration) {
        // RFC 4733 §2.3: event, E|R|volume, duration. Volume 10 as in SIPp's captures.
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    private byte[] audioPayload() {
        byte[] payload = new byte[SAMPLES_PER_PACKET];
        if (options.toneHz() <= 0) {
            java.util.Arrays.fill(payload, G711.silence(sendPayloadType));
        } else {
            for (int i = 0; i < payload.length; i++) {
                double v = 8000 * Math.sin(2 * Math.PI * options.toneHz() * toneSample++ / 8000.0);
                payload[i] = G711.encode(sendPayloadType, (short) v);
            }
        }
        return payload;
    }

    void received(ByteBuffer b, InetSocketAddress from, long arrivalNanos) {
        if (b.remaining() < 12 || (b.get(0) & 0xC0) != 0x80) {
            return; // not RTP v2 (could be RTCP or garbage on the port)
        }
        int cc = b.get(0) & 0x0F;
        boolean extension = (b.get(0) & 0x10) != 0;
        boolean marker = (b.get(1) & 0x80) != 0;
        int pt = b.get(1) & 0x7F;
        if (pt >= 72 && pt <= 76) {
            return; // RTCP multiplexed on the port (RFC 5761)
        }
        int seq = b.getShort(2) & 0xFFFF;
        long ts = b.getInt(4) & 0xFFFFFFFFL;
        int offset = 12 + 4 * cc;
        if (extension && b.remaining() >= offset + 4) {
            offset += 4 + 4 * (b.getShort(offset + 2) & 0xFFFF);
        }
        int length = b.remaining() - offset;
        if ((b.get(0) & 0x20) != 0 && length > 0) {
            length -= b.get(b.limit() - 1) & 0xFF; // padding
        }
        if (length < 0) {
            return;
        }
        byte[] payload = new byte[length];
        b.get(offset, payload);
        lock.lock();
        try {
            packets++;
            byPt.merge(pt, 1L, Long::sum);
            if (firstSource == null) {
                firstSource = from;
            }
            if (pt == 0 || pt == 8) {
                audio(seq, pt, payload, arrivalNanos);
            } else if (payload.length >= 4) {
                int duration = ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
                events.add(new RtpStats.RtpEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                        duration, marker, seq, ts));
            }
        } finally {
            lock.unlock();
        }
    }

    private void audio(int seq, int pt, byte[] payload, long arrivalNanos) {
        if (lastSeq >= 0) {
            int delta = (seq - lastSeq) & 0xFFFF;
            if (delta == 0 || delta > 0x8000) {
                outOfOrder++;
            } else {
                lost += delta - 1;
            }
            if (intervalCount == intervals.length) {
                intervals = java.util.Arrays.copyOf(intervals, intervals.length * 2);
            }
            intervals[intervalCount++] = arrivalNanos - lastAudioArrival;
        }
        if (lastSeq < 0 || ((seq - lastSeq) & 0xFFFF) < 0x8000) {
            lastSeq = seq;
        }
        lastAudioArrival = arrivalNanos;
        short[] samples = G711.decode(pt, payload, 0, payload.length);
        heard.append(samples);
        for (short s : samples) {
            windowSumSq += (double) s * s;
            if (++windowCount == 800) {
                peakRms = Math.max(peakRms, Math.sqrt(windowSumSq / windowCount));
                windowSumSq = 0;
                windowCount = 0;
            }
        }
    }

    public RtpStats stats() {
        lock.lock();
        try {
            double peak = windowCount >= 160 ? Math.max(peakRms, Math.sqrt(windowSumSq / windowCount)) : peakRms;
            return new RtpStats(packets, Map.copyOf(byPt), lost, outOfOrder,
                    java.util.Arrays.copyOf(intervals, intervalCount), peak, Optional.ofNullable(firstSource),
                    List.copyOf(events));
        } finally {
            lock.unlock();
        }
    }

    /** Decoded audio heard so far (up to {@link Options#recordSeconds()}), 8 kHz mono. */
    public WavAnalysis.Pcm heardAudio() {
        lock.lock();
        try {
            return new WavAnalysis.Pcm(8000, heard.toArray());
        } finally {
            lock.unlock();
        }
    }

    /** Writes what was heard to a WAV file, for a human to listen to when a test fails. */
    public void saveHeardAudio(Path wav) {
        WavAnalysis.write(wav, heardAudio());
    }

    /** Waits until at least {@code count} packets were received; returns the stats either way. */
    public RtpStats awaitPackets(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RtpStats s = stats();
        while (s.packets() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            s = stats();
        }
        return s;
    }

    @Override
    public void close() {
        engine.stopSending(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
        lock.lock();
        try {
            digits.forEach(d -> d.done().completeExceptionally(new IllegalStateException("RTP endpoint closed")));
            digits.clear();
            if (current != null) {
                current.done().completeExceptionally(new IllegalStateException("RTP endpoint closed"));
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
