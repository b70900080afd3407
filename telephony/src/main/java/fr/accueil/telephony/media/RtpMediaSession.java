package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;
import fr.accueil.telephony.sdp.NegotiatedAudio;
import fr.accueil.telephony.sdp.SdpNegotiator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call's RTP stream on one local port, driven by a {@link MediaEngine}.
 *
 * <p>Threading, four parties:
 * <ul>
 *   <li>signalling ({@link #answer}, {@link #offer}, {@link #acceptAnswer}) publishes an immutable
 *       {@link SendPlan} and the SDP destination through volatile fields; calls for one session are
 *       serialised by the SIP dialog;</li>
 *   <li>the call's virtual thread ({@link #play}, {@link #nextDigit}) waits on {@link #lock}'s
 *       condition, never spinning;</li>
 *   <li>exactly one pacer thread owns sequence number, timestamp, marker state and the playback
 *       position, and reads the volatile fields without locking ({@link #sendTick});</li>
 *   <li>the receiver thread owns the DTMF decoder and the latch, and takes {@link #lock} only to
 *       hand over a digit.</li>
 * </ul>
 * While connected to another session ({@link #connect}), the receiver thread of that other session
 * also writes this session's stream: it sends each packet it relays from this session's socket with
 * this session's SSRC, sequence and timestamp. The stream state (sequence, timestamp, marker, relay
 * state) is therefore guarded by the {@link #stream} monitor, held by the pacer for one tick and by
 * the relay for one packet; it is almost never contended, because the pacer stays quiet while
 * relayed packets flow. Lock order: {@link #stream} before {@link #lock}, never the reverse.
 * {@link #close} and {@link #injectDigit} are safe from any thread; close is idempotent, wakes every
 * waiter at once and hands the port back to the pool as soon as the kernel socket is really gone
 * (within one receiver wake-up, normally well under a millisecond).
 */
public final class RtpMediaSession implements MediaSession {
    static final int HEADER_BYTES = 12;
    static final int SAMPLES_PER_FRAME = 160;
    static final int MAX_BUFFERED_DIGITS = 32;
    /** How long a bridged stream may go without a relayed packet before the pacer fills in silence. */
    static final long RELAY_QUIET_NANOS = 60_000_000L;

    /** What the pacer sends with; replaced whole on each negotiation. */
    record SendPlan(AudioCodec codec, byte payloadType, int telephoneEventPayloadType, boolean sending, byte[] silence) {
    }

    private final String callId;
    private final MediaEngine engine;
    private final DatagramChannel channel;
    private final int port;
    private final SdpNegotiator negotiator;
    private final long openedAtMillis;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Character> digits = new ArrayDeque<>(MAX_BUFFERED_DIGITS);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closedFlag;

    // Published by signalling / receiver, read by the pacer.
    private volatile SendPlan plan;
    private volatile InetSocketAddress sdpDestination;
    private volatile InetSocketAddress latchedDestination;
    final AtomicReference<Playback> playback = new AtomicReference<>();

    /** Which sub-tick of the pacer's 20 ms sends this session; set once before the pacer sees it. */
    int pacerSlot;

    /** Guards the outgoing stream state below: the pacer and a bridge's relay both write it. */
    private final Object stream = new Object();
    private final int ssrc;
    private short sequence;
    private int timestamp;
    private boolean talkspurtStart = true;
    /** True from the first relayed packet until the pacer takes the stream back (quiet or disconnect). */
    private boolean relayStreaming;
    private long relayedOutAtNanos;
    private int relayOffset;
    private int relayInSsrc;

    /** The bridge this session is part of, or null; changed only under the bridge's wiring lock. */
    private volatile RtpMediaBridge bridge;
    private volatile long packetsSent;
    private volatile long sendFailures;

    // Receiver-owned.
    private final TelephoneEventDecoder telephoneEvents;
    private volatile long packetsReceived;
    private volatile long lastReceivedMillis;

    private volatile long digitsReceived;

    private final InbandDtmfDetector inbandDtmf;

    RtpMediaSession(String callId, MediaEngine engine, DatagramChannel channel, int port, String advertisedAddress, long nowMillis,
                    boolean detectInbandDtmf) {
        this.callId = callId;
        this.engine = engine;
        this.channel = channel;
        this.port = port;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.negotiator = new SdpNegotiator(advertisedAddress, port, random.nextLong());
        // RFC 3550 §5.1: random initial sequence number and timestamp, random SSRC (§8).
        this.ssrc = random.nextInt();
        this.sequence = (short) random.nextInt();
        this.timestamp = random.nextInt();
        this.openedAtMillis = nowMillis;
        this.lastReceivedMillis = nowMillis;
        this.telephoneEvents = new TelephoneEventDecoder(this::deliverDigit);
        this.inbandDtmf = detectInbandDtmf ? new InbandDtmfDetector(this::deliverDigit) : null;
    }

    public String callId() {
        return callId;
    }

    MediaEngine engine() {
        return engine;
    }

    @Override
    public int localPort() {
        return port;
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public String answer(String offerSdp) throws NegotiationException {
        SdpNegotiator.Answer answer = negotiator.answer(offerSdp);
        apply(answer.audio());
        return answer.sdp();
    }

    @Override
    public String offer() {
        return negotiator.offer();
    }

    @Override
    public void acceptAnswer(String answerSdp) throws NegotiationException {
        apply(negotiator.acceptAnswer(answerSdp));
    }

    private void apply(Optional<NegotiatedAudio> negotiated) {
        if (negotiated.isEmpty()) {
            plan = null;  // stream rejected or disabled: send nothing
            return;
        }
        NegotiatedAudio audio = negotiated.get();
        InetSocketAddress previous = sdpDestination;
        if (audio.remote() != null && !audio.remote().equals(previous)) {
            // The peer moved (or this is the first answer): latch afresh on its next packets.
            latchedDestination = null;
        }
        if (audio.remote() != null) {
            sdpDestination = audio.remote();
        }
        plan = new SendPlan(audio.codec(), (byte) audio.payloadType(), audio.telephoneEventPayloadType(), audio.sends(),
                EncodedFrames.silence(audio.codec()).data());
    }

    @Override
    public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws MediaClosedException {
        ensureOpen();
        ensureNotBridged();
        SendPlan current = plan;
        AudioCodec codec = current == null ? AudioCodec.PCMA : current.codec();
        EncodedFrames[] frames = new EncodedFrames[clips.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = EncodedFrames.of(clips.get(i), codec);
        }
        Playback p = new Playback(frames, codec);
        lock.lock();
        try {
            if (interruptible && !digits.isEmpty()) {
                return PlaybackResult.INTERRUPTED_BY_DIGIT;  // the caller typed ahead
            }
            if (p.exhausted()) {
                return PlaybackResult.COMPLETED;
            }
            playback.set(p);
            while (true) {
                if (closedFlag) {
                    playback.compareAndSet(p, null);
                    throw new MediaClosedException();
                }
                if (p.finished) {
                    return PlaybackResult.COMPLETED;
                }
                if (bridge != null) {
                    playback.compareAndSet(p, null);  // connected from another thread while playing
                    ensureNotBridged();
                }
                if (interruptible && !digits.isEmpty()) {
                    playback.compareAndSet(p, null);  // the pacer falls back to silence on its next tick
                    return PlaybackResult.INTERRUPTED_BY_DIGIT;
                }
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Character> nextDigit(Duration timeout) throws MediaClosedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closedFlag) {
                    throw new MediaClosedException();
                }
                Character digit = digits.poll();
                if (digit != null) {
                    return Optional.of(digit);
                }
                if (nanos <= 0) {
                    return Optional.empty();
                }
                try {
                    nanos = changed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flushDigits() {
        lock.lock();
        try {
            digits.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void injectDigit(char digit) {
        if ("0123456789*#ABCD".indexOf(Character.toUpperCase(digit)) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        deliverDigit(Character.toUpperCase(digit));
    }

    @Override
    public void sendDigit(char digit) throws MediaClosedException {
        int event = "0123456789*#ABCD".indexOf(Character.toUpperCase(digit));
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        ensureOpen();
        SendPlan p = plan;
        InetSocketAddress to = destination();
        if (p == null || to == null || p.telephoneEventPayloadType() < 0) {
            throw new IllegalStateException("no telephone-event negotiated on port " + port + ": cannot send '" + digit + "'");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 4);
        synchronized (stream) {
            // All packets of one event share the timestamp of its start (RFC 4733 §2.5.1.1); the stream's
            // clock then moves on by the event's 100 ms so that the next event gets a timestamp of its own.
            int eventTimestamp = timestamp;
            int[] durations = {160, 800, 800, 800};
            for (int i = 0; i < durations.length; i++) {
                boolean end = i > 0;
                out.clear();
                out.put(0, (byte) 0x80);
                out.put(1, (byte) (i == 0 ? 0x80 | p.telephoneEventPayloadType() : p.telephoneEventPayloadType()));
                out.putShort(2, sequence);
                out.putInt(4, eventTimestamp);
                out.putInt(8, ssrc);
                out.put(HEADER_BYTES, (byte) event);
                out.put(HEADER_BYTES + 1, (byte) (end ? 0x80 | 10 : 10));  // end bit, volume -10 dBm0
                out.putShort(HEADER_BYTES + 2, (short) durations[i]);
                out.limit(HEADER_BYTES + 4);
                try {
                    if (channel.send(out, to) > 0) {
                        sequence++;
                        packetsSent++;
                    } else {
                        sendFailures++;
                    }
                } catch (IOException e) {
                    sendFailures++;
                }
            }
            timestamp += 5 * SAMPLES_PER_FRAME;
        }
    }

    private void deliverDigit(char digit) {
        lock.lock();
        try {
            if (closedFlag) {
                return;
            }
            digitsReceived++;
            engine.countDigit();
            if (bridge != null) {
                // Bridged: the digit went on to the other side (RFC 4733 relay) and is meant for it, not
                // for our IVR; buffering it would make the next menu act on keys typed during the call.
                return;
            }
            if (digits.size() < MAX_BUFFERED_DIGITS) {
                digits.add(digit);  // a full buffer drops the newest: the caller is hammering keys
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Connects both ways. Any playback in progress on either side stops (its {@code play} throws
     * {@link IllegalStateException}) and both digit buffers are emptied; while connected, digits are
     * relayed, not buffered.
     *
     * @throws IllegalArgumentException if {@code other} is this session or not an RTP session of ours
     * @throws IllegalStateException    if either session is closed or already connected
     */
    @Override
    public MediaBridge connect(MediaSession other) {
        if (!(other instanceof RtpMediaSession rtp)) {
            throw new IllegalArgumentException("can only connect to another RtpMediaSession, got " + other);
        }
        return RtpMediaBridge.connect(this, rtp);
    }

    RtpMediaBridge bridge() {
        return bridge;
    }

    /** Under the bridge's wiring lock. */
    void attachBridge(RtpMediaBridge b) {
        synchronized (stream) {
            bridge = b;
            relayStreaming = false;  // the pacer keeps sending silence until the first relayed packet
        }
        lock.lock();
        try {
            playback.set(null);
            digits.clear();
            changed.signalAll();  // a play() in progress throws
        } finally {
            lock.unlock();
        }
    }

    /** Under the bridge's wiring lock. The pacer takes the stream back on its next tick. */
    void detachBridge(RtpMediaBridge b) {
        synchronized (stream) {
            if (bridge == b) {
                bridge = null;
            }
        }
    }

    @Override
    public Instant lastPacketReceivedAt() {
        return Instant.ofEpochMilli(lastReceivedMillis);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RtpMediaBridge.disconnect(this);
        engine.detach(this);
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the descriptor is gone either way
        }
        engine.release(port);
        lock.lock();
        try {
            closedFlag = true;
            playback.set(null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    public SessionCounters counters() {
        return new SessionCounters(packetsSent, packetsReceived, digitsReceived, sendFailures);
    }

    /** Where the pacer sends now: the latched source if any, else the SDP address; null if none. */
    InetSocketAddress destination() {
        InetSocketAddress latched = latchedDestination;
        return latched != null ? latched : sdpDestination;
    }

    private void ensureNotBridged() {
        if (bridge != null) {
            throw new IllegalStateException("media session on port " + port + " is connected to another session: cannot play");
        }
    }

    private void ensureOpen() throws MediaClosedException {
        if (closedFlag || closed.get()) {
            throw new MediaClosedException();
        }
    }

    /**
     * Pacer hot path, once per 20 ms: one frame from the playback (or silence) into {@code packet}
     * and out. No allocation, no lock except the stream monitor (uncontended but for the rare tick
     * racing a relayed packet) and the rare wake-up when a playback ends.
     *
     * <p>While a bridge relays packets into this stream the pacer sends nothing and leaves the media
     * clock to the relay; once no relayed packet has gone out for {@link #RELAY_QUIET_NANOS} (the
     * other side is on hold or lost) or the bridge is closed, it takes the stream back: silence again,
     * marker set, the timestamp moved on by the quiet time so that it keeps following the wall clock.
     *
     * @param elapsed 20 ms periods since this session's previous tick: 1, or more after a pacer stall,
     *                in which case the timestamp jumps with the wall clock (RFC 3550 §5.1) and the
     *                marker flags the discontinuity to the far end's jitter buffer
     * @return 1 if a packet went out, 0 otherwise
     */
    int sendTick(ByteBuffer packet, PacerCounters counters, int elapsed) {
        Playback ended;
        int sent;
        synchronized (stream) {
            if (relayStreaming) {
                long quiet = System.nanoTime() - relayedOutAtNanos;
                if (bridge != null && quiet < RELAY_QUIET_NANOS) {
                    return 0;  // the relay is the stream now
                }
                relayStreaming = false;
                talkspurtStart = true;
                // The last relayed frame ended at `timestamp`; the frame going out now starts that
                // many whole periods later.
                timestamp += SAMPLES_PER_FRAME * (int) Math.min(Math.max(0, quiet / Pacer.PERIOD_NANOS - 1), 1_000_000);
                elapsed = 1;
            }
            if (elapsed > 1) {
                timestamp += SAMPLES_PER_FRAME * (elapsed - 1);
                talkspurtStart = true;
            }
            SendPlan p = plan;
            Playback current = playback.get();
            byte[] payload = p == null ? null : p.silence();
            int offset = 0;
            boolean finished = false;
            if (current != null) {
                if (p != null && current.codec == p.codec()) {
                    payload = current.data();
                    offset = current.offset();
                }
                // Playback advances even when nothing is sent (hold, no SDP yet), so play() keeps time.
                finished = current.advance();
            }
            sent = 0;
            InetSocketAddress to = destination();
            if (p != null && p.sending() && to != null && payload != null) {
                packet.clear();
                packet.put(0, (byte) 0x80);  // V=2, no padding, no extension, no CSRC (RFC 3550 §5.1)
                // Marker on the first packet of a talk spurt: stream start or resume after hold (RFC 3551 §4.1).
                packet.put(1, (byte) (talkspurtStart ? 0x80 | p.payloadType() : p.payloadType()));
                packet.putShort(2, sequence);
                packet.putInt(4, timestamp);
                packet.putInt(8, ssrc);
                packet.put(HEADER_BYTES, payload, offset, EncodedFrames.FRAME_BYTES);
                packet.limit(HEADER_BYTES + EncodedFrames.FRAME_BYTES);
                try {
                    if (channel.send(packet, to) > 0) {
                        sequence++;
                        talkspurtStart = false;
                        packetsSent++;
                        sent = 1;
                    } else {
                        sendFailures++;  // socket buffer full: drop rather than block the tick
                        counters.sendFailures++;
                    }
                } catch (IOException e) {
                    // closed concurrently or ICMP-refused: the session's close or the SIP watchdog ends it
                    sendFailures++;
                    counters.sendFailures++;
                }
            } else {
                talkspurtStart = true;
            }
            timestamp += SAMPLES_PER_FRAME;  // the media clock runs on during hold (RFC 3550 §5.1)
            ended = finished ? current : null;
        }
        if (ended != null) {
            finishPlayback(ended);
        }
        return sent;
    }

    /**
     * Relay hot path, on the receiver thread of the session the packet came in on: sends its payload
     * from this session's socket to this session's peer as the next packet of this session's own
     * stream. The first packet after the pacer had the stream (connect, or the other side's return
     * from silence) and a change of source SSRC re-anchor the timestamp on this stream's clock and
     * carry the marker; after that, source timestamps are mapped by a fixed offset, so the source's
     * timing (and an RFC 4733 event's shared timestamp) passes through unchanged.
     *
     * @param in         the received datagram; its header is read, not changed
     * @param event      true for an RFC 4733 telephone-event payload, false for G.711 audio
     * @param fromCodec  the source's codec (audio only): transcoded through {@link G711} if ours differs
     * @param out        the receiver thread's own send buffer
     * @return true if the packet went out; false if dropped (no telephone-event negotiated here, not
     *         sending, no destination, bridge gone, socket buffer full or closed)
     */
    boolean relay(RtpMediaBridge via, ByteBuffer in, int payloadOffset, int payloadEnd, boolean event, AudioCodec fromCodec,
                  ByteBuffer out, long nowNanos) {
        SendPlan p = plan;
        InetSocketAddress to = destination();
        int length = payloadEnd - payloadOffset;
        if (p == null || !p.sending() || to == null || length > out.capacity() - HEADER_BYTES) {
            return false;
        }
        int payloadType;
        if (event) {
            if (p.telephoneEventPayloadType() < 0) {
                return false;  // the far end cannot take RFC 4733; it hears nothing of the key
            }
            payloadType = p.telephoneEventPayloadType();
        } else {
            payloadType = p.payloadType();
        }
        byte[] table = event ? null : G711.transcoding(fromCodec, p.codec());
        out.clear();
        if (table == null) {
            out.put(HEADER_BYTES, in, payloadOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                out.put(HEADER_BYTES + i, table[in.get(payloadOffset + i) & 0xFF]);
            }
        }
        out.limit(HEADER_BYTES + length);
        int sourceTimestamp = in.getInt(4);
        int sourceSsrc = in.getInt(8);
        boolean sourceMarker = (in.get(1) & 0x80) != 0;
        synchronized (stream) {
            if (bridge != via) {
                return false;  // disconnected since the source looked: the pacer owns the stream again
            }
            boolean anchor = !relayStreaming || sourceSsrc != relayInSsrc;
            if (anchor) {
                relayOffset = timestamp - sourceTimestamp;
                relayInSsrc = sourceSsrc;
            }
            int outTimestamp = sourceTimestamp + relayOffset;
            out.put(0, (byte) 0x80);
            out.put(1, (byte) (anchor || sourceMarker ? 0x80 | payloadType : payloadType));
            out.putShort(2, sequence);
            out.putInt(4, outTimestamp);
            out.putInt(8, ssrc);
            try {
                if (channel.send(out, to) <= 0) {
                    sendFailures++;
                    return false;
                }
            } catch (IOException e) {
                sendFailures++;
                return false;
            }
            sequence++;
            packetsSent++;
            relayStreaming = true;
            relayedOutAtNanos = nowNanos;
            if (!event && outTimestamp + length - timestamp > 0) {
                timestamp = outTimestamp + length;  // G.711: one sample per byte; never backwards on reordering
            }
            return true;
        }
    }

    private void finishPlayback(Playback finished) {
        playback.compareAndSet(finished, null);
        finished.finished = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receiver thread: one RTP packet from {@code source}; {@code packet} holds the whole datagram.
     * When bridged, audio and telephone-events are relayed first (latency), then the packet is
     * processed as usual; anything else is dropped and counted on the bridge.
     *
     * @param relayOut the receiver thread's send buffer for relayed packets
     */
    void onPacket(SocketAddress source, ByteBuffer packet, long nowMillis, long nowNanos, ByteBuffer relayOut) {
        RtpMediaBridge b = bridge;
        int length = packet.limit();
        if (length < HEADER_BYTES || (packet.get(0) & 0xC0) != 0x80) {
            if (b != null) {
                b.dropped(this);
            }
            return;  // not RTP version 2 (STUN, RTCP muxed by mistake, garbage)
        }
        packetsReceived++;
        lastReceivedMillis = nowMillis;
        SendPlan p = plan;
        if (p == null) {
            if (b != null) {
                b.dropped(this);
            }
            return;
        }
        int payloadType = packet.get(1) & 0x7F;
        boolean telephoneEvent = payloadType == p.telephoneEventPayloadType();
        if (!telephoneEvent && payloadType != (p.payloadType() & 0x7F)) {
            if (b != null) {
                b.dropped(this);  // comfort noise (RFC 3389), or a payload type we never negotiated
            }
            return;
        }
        if (latchedDestination == null && source instanceof InetSocketAddress from) {
            // Symmetric RTP: answer to where the caller's packets come from, not to the private address
            // a NAT-ed phone wrote into its SDP.
            latchedDestination = from;
        }
        int offset = HEADER_BYTES + 4 * (packet.get(0) & 0x0F);
        if ((packet.get(0) & 0x10) != 0 && length >= offset + 4) {
            offset += 4 + 4 * (packet.getShort(offset + 2) & 0xFFFF);  // header extension (RFC 3550 §5.3.1)
        }
        int end = length;
        if ((packet.get(0) & 0x20) != 0) {
            end -= packet.get(length - 1) & 0xFF;  // padding (RFC 3550 §5.1): the last byte counts it
        }
        if (b != null) {
            RtpMediaSession to = b.other(this);
            if (end > offset && to.relay(b, packet, offset, end, telephoneEvent, p.codec(), relayOut, nowNanos)) {
                b.relayed(this);
            } else {
                b.dropped(this);
            }
        }
        if (!telephoneEvent) {
            telephoneEvents.onOtherPacket(nowNanos);
            // Tones only when the peer has no telephone-event: a gateway that sends both would count twice.
            // Not while bridged: the audio is a conversation, not a menu, and the tones go through anyway.
            if (b == null && inbandDtmf != null && p.telephoneEventPayloadType() < 0 && length > offset) {
                inbandDtmf.onFrame(p.codec(), packet, offset, length - offset);
            }
            return;
        }
        if (length < offset + 4) {
            return;
        }
        int event = packet.get(offset) & 0xFF;
        boolean eventEnd = (packet.get(offset + 1) & 0x80) != 0;
        telephoneEvents.onEvent(packet.getInt(4), event, eventEnd, nowNanos);
    }

    long openedAtMillis() {
        return openedAtMillis;
    }

    /** Per-pacer totals, single writer. */
    static final class PacerCounters {
        volatile long packetsSent;
        volatile long sendFailures;
        volatile long lateTicks;
        volatile long skippedTicks;
    }
}
