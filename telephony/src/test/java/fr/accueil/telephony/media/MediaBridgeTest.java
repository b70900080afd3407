package fr.accueil.telephony.media;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RTP relay between two sessions of one engine, each with a plain DatagramSocket "phone" on
 * loopback as its peer. Phones collect what they receive on a thread of their own, so the relay's
 * packets and the pacers' silence are seen in arrival order.
 */
class MediaBridgeTest {
    private static final byte ALAW_SILENCE = G711.ALAW_SILENCE;
    private static final byte ULAW_SILENCE = G711.ULAW_SILENCE;

    private MediaEngine engine;
    private Phone phoneA;
    private Phone phoneB;

    /** A test phone: an RtpPeer plus a thread collecting every packet it receives. */
    static final class Phone implements AutoCloseable {
        final RtpPeer peer = new RtpPeer();
        private final List<RtpPeer.Packet> received = new ArrayList<>();
        private final Thread reader;
        private volatile boolean running = true;

        Phone() throws IOException {
            peer.socket.setReceiveBufferSize(8 * 1024 * 1024);
            reader = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        Optional<RtpPeer.Packet> p = peer.receive(50);
                        p.ifPresent(packet -> {
                            synchronized (received) {
                                received.add(packet);
                            }
                        });
                    } catch (IOException e) {
                        return;  // closed
                    }
                }
            });
        }

        List<RtpPeer.Packet> packets() {
            synchronized (received) {
                return new ArrayList<>(received);
            }
        }

        void clear() {
            synchronized (received) {
                received.clear();
            }
        }

        /** Waits (boundedly) until {@code count} received packets match. */
        List<RtpPeer.Packet> await(Predicate<RtpPeer.Packet> which, int count, int timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            List<RtpPeer.Packet> matching;
            do {
                matching = packets().stream().filter(which).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                Thread.sleep(10);
            } while (System.currentTimeMillis() < deadline);
            return matching;
        }

        void send(RtpMediaSession to, byte[] datagram) throws IOException {
            peer.send(to.localPort(), datagram);
        }

        String offer(String formats) {
            return peer.offer(formats, "");
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            peer.close();
            reader.join(2_000);
        }
    }

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(MediaEngineTest.settings(50));
        phoneA = new Phone();
        phoneB = new Phone();
    }

    @AfterEach
    void stop() throws Exception {
        phoneA.close();
        phoneB.close();
        engine.close();
    }

    private RtpMediaSession session(Phone phone, String formats) throws Exception {
        RtpMediaSession session = engine.open("call-" + phone.peer.port());
        session.answer(phone.offer(formats));
        return session;
    }

    private static boolean isSilence(RtpPeer.Packet p) {
        byte[] payload = p.payload();
        if (payload.length == 0 || (payload[0] != ALAW_SILENCE && payload[0] != ULAW_SILENCE)) {
            return false;
        }
        for (byte b : payload) {
            if (b != payload[0]) {
                return false;
            }
        }
        return true;
    }

    /** A 160-byte frame no pacer would send: its number in the first two bytes, then a pattern. */
    private static byte[] frame(int number) {
        byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (number * 7 + i);
        }
        payload[0] = (byte) 0x2A;  // never a silence byte, so a frame is never taken for silence
        payload[1] = (byte) (number >> 8);
        payload[2] = (byte) number;
        return payload;
    }

    private static int frameNumber(RtpPeer.Packet p) {
        return ((p.payload()[1] & 0xFF) << 8) | (p.payload()[2] & 0xFF);
    }

    /** The relay counts a packet just after sending it: a phone may see it a moment before the counter. */
    private static void awaitRelayed(MediaBridge bridge, long count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2_000;
        while (bridge.relayedPackets() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void assertConsecutive(List<RtpPeer.Packet> stream) {
        for (int i = 1; i < stream.size(); i++) {
            assertThat(stream.get(i).sequence()).as("sequence after packet %d", i - 1)
                    .isEqualTo((stream.get(i - 1).sequence() + 1) & 0xFFFF);
            assertThat(stream.get(i).ssrc()).isEqualTo(stream.get(0).ssrc());
        }
    }

    private static void assertTimestampsNeverGoBack(List<RtpPeer.Packet> stream) {
        for (int i = 1; i < stream.size(); i++) {
            int step = (int) (stream.get(i).timestamp() - stream.get(i - 1).timestamp());
            assertThat(step).as("timestamp step before packet %d", i).isGreaterThanOrEqualTo(0);
        }
    }

    /** Sends {@code count} frames from a phone at 20 ms intervals, RTP as a real phone would. */
    private static void talk(Phone phone, RtpMediaSession to, int payloadType, int ssrc, int firstNumber, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            int n = firstNumber + i;
            phone.send(to, RtpPeer.rtp(payloadType, i == 0, 1000 + n, 50_000 + 160 * n, ssrc, frame(n)));
            Thread.sleep(20);
        }
    }

    @Test
    void relaysBothWaysAsEachSidesOwnContinuingStream() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "8 101")) {
            // Before the bridge each phone hears its session's silence: note each stream's identity.
            List<RtpPeer.Packet> silenceB = phoneB.await(MediaBridgeTest::isSilence, 3, 5_000);
            List<RtpPeer.Packet> silenceA = phoneA.await(MediaBridgeTest::isSilence, 3, 5_000);
            assertThat(silenceB).hasSizeGreaterThanOrEqualTo(3);
            assertThat(silenceA).hasSizeGreaterThanOrEqualTo(3);

            MediaBridge bridge = a.connect(b);
            assertThat(bridge.connected()).isTrue();
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> {
                try {
                    talk(phoneB, b, 8, 0xB0B0_0001, 0, 50);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            talk(phoneA, a, 8, 0xA0A0_0001, 0, 50);
            fromB.get(10, TimeUnit.SECONDS);

            for (Phone[] pair : new Phone[][] {{phoneA, phoneB}, {phoneB, phoneA}}) {
                Phone listener = pair[1];
                List<RtpPeer.Packet> relayed = listener.await(p -> !isSilence(p), 50, 5_000);
                assertThat(relayed).hasSize(50);
                int ownSsrc = (listener == phoneB ? silenceB : silenceA).get(0).ssrc();
                List<RtpPeer.Packet> stream = listener.packets();
                assertThat(stream).allSatisfy(p -> assertThat(p.ssrc()).isEqualTo(ownSsrc));
                // One stream, silence then relayed frames then silence again, without a gap in sequence
                // numbers and with a timestamp that never goes back.
                assertConsecutive(stream);
                assertTimestampsNeverGoBack(stream);
                int firstRelayed = stream.indexOf(relayed.get(0));
                assertThat(firstRelayed).isPositive();
                assertThat(stream.get(firstRelayed).marker()).as("marker on the first relayed packet").isTrue();
                long jump = stream.get(firstRelayed).timestamp() - stream.get(firstRelayed - 1).timestamp();
                assertThat(jump).as("timestamp step from the pacer's silence to the relay").isBetween(160L, 480L);
                for (int i = 0; i < relayed.size(); i++) {
                    RtpPeer.Packet p = relayed.get(i);
                    assertThat(p.payloadType()).isEqualTo(8);
                    assertThat(p.payload()).isEqualTo(frame(i));
                    if (i == 0) {
                        continue;
                    }
                    if (stream.indexOf(p) == stream.indexOf(relayed.get(i - 1)) + 1) {
                        // The source's timing passes through: 160 samples per frame.
                        assertThat(p.timestamp() - relayed.get(i - 1).timestamp()).as("timestamp step to frame %d", i).isEqualTo(160);
                        assertThat(p.marker()).isFalse();
                    } else {
                        // The test thread slept over 60 ms (a loaded machine): the pacer filled in, then
                        // the relay took the stream back, re-anchored and marked.
                        assertThat(p.marker()).as("marker on frame %d after the pacer's silence", i).isTrue();
                    }
                }
            }
            awaitRelayed(bridge, 100);
            assertThat(bridge.relayedPackets()).isEqualTo(100);
            assertThat(bridge.droppedPackets()).isZero();
            assertThat(engine.counters().packetsRelayed()).isEqualTo(100);
            assertThat(engine.counters().activeBridges()).isEqualTo(1);
            bridge.close();
            assertThat(bridge.connected()).isFalse();
            assertThat(engine.counters().activeBridges()).isZero();
        }
    }

    /** The JDK's own G.711 codecs (javax.sound), an implementation independent of ours. */
    private static byte[] jdkConvert(byte[] data, AudioFormat from, AudioFormat to) throws Exception {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), from, data.length / from.getFrameSize());
             AudioInputStream out = AudioSystem.getAudioInputStream(to, in)) {
            return out.readAllBytes();
        }
    }

    private static final AudioFormat JDK_ALAW = new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false);
    private static final AudioFormat JDK_ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
    private static final AudioFormat JDK_PCM = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);

    /** The 256 samples the JDK decodes each byte value to. */
    private static int[] jdkLevels(AudioFormat encoding) throws Exception {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        byte[] pcm = jdkConvert(every, encoding, JDK_PCM);
        int[] levels = new int[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
        }
        return levels;
    }

    /**
     * µ-law to A-law: the JDK's answer, except where its A-law encoder rounds a negative level to the
     * second-nearest code (we found 16 such µ-law values, 12 instead of 4 away): there ours must be
     * strictly nearer the source sample, levels as the JDK decodes them.
     */
    private static void assertLikeTheJdkOrNearer(byte[] received, byte[] jdk, int[] sourceLevels, int[] targetLevels) {
        int differing = 0;
        for (int i = 0; i < 256; i++) {
            if (received[i] == jdk[i]) {
                continue;
            }
            differing++;
            int sample = sourceLevels[i];
            assertThat(Math.abs(targetLevels[received[i] & 0xFF] - sample)).as("µ-law 0x%02X (sample %d)", i, sample)
                    .isLessThan(Math.abs(targetLevels[jdk[i] & 0xFF] - sample));
        }
        assertThat(differing).isLessThanOrEqualTo(16);
    }

    @Test
    void transcodesEveryPcmaValueToPcmuAndBackLikeTheJdk() throws Exception {
        byte[] everyValue = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyValue[i] = (byte) i;
        }
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "0 101");
             MediaBridge bridge = a.connect(b)) {
            // Two 128-sample packets each way carry all 256 byte values.
            for (int half = 0; half < 2; half++) {
                byte[] part = Arrays.copyOfRange(everyValue, 128 * half, 128 * half + 128);
                phoneA.send(a, RtpPeer.rtp(8, half == 0, 7 + half, 1000 + 128 * half, 0xA, part));
                phoneB.send(b, RtpPeer.rtp(0, half == 0, 9 + half, 5000 + 128 * half, 0xB, part));
            }
            List<RtpPeer.Packet> atB = phoneB.await(p -> p.payload().length == 128, 2, 5_000);
            List<RtpPeer.Packet> atA = phoneA.await(p -> p.payload().length == 128, 2, 5_000);
            assertThat(atB).hasSize(2);
            assertThat(atA).hasSize(2);
            assertThat(atB).allSatisfy(p -> assertThat(p.payloadType()).isZero());
            assertThat(atA).allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(8));
            byte[] ulawAtB = concat(atB.get(0).payload(), atB.get(1).payload());
            byte[] alawAtA = concat(atA.get(0).payload(), atA.get(1).payload());

            // A-law to µ-law: exactly what the JDK's decoder then encoder give, for all 256 values.
            assertThat(ulawAtB).isEqualTo(jdkConvert(jdkConvert(everyValue, JDK_ALAW, JDK_PCM), JDK_PCM, JDK_ULAW));
            byte[] jdkAlaw = jdkConvert(jdkConvert(everyValue, JDK_ULAW, JDK_PCM), JDK_PCM, JDK_ALAW);
            assertLikeTheJdkOrNearer(alawAtA, jdkAlaw, jdkLevels(JDK_ULAW), jdkLevels(JDK_ALAW));
            awaitRelayed(bridge, 4);
            assertThat(bridge.relayedPackets()).isEqualTo(4);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void relaysTelephoneEventsWithTheOtherSidesPayloadTypeAndDoesNotBufferThem() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101");
             RtpMediaSession b = engine.open("call-b")) {
            b.answer("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + phoneB.peer.port() + " RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\n"
                    + "a=fmtp:96 0-15\r\na=ptime:20\r\n");
            a.injectDigit('9');  // typed before the bridge: flushed by connect
            MediaBridge bridge = a.connect(b);
            List<byte[]> digit = RtpPeer.sippDigit(5, 300, 123_456);
            phoneA.peer.sendAll(a.localPort(), digit);

            List<RtpPeer.Packet> events = phoneB.await(p -> p.payloadType() == 96, digit.size(), 5_000);
            assertThat(events).hasSize(digit.size());
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).payload()).as("event payload %d", i).isEqualTo(Arrays.copyOfRange(digit.get(i), 12, 16));
                // All packets of one event keep one timestamp (RFC 4733 §2.5.1.1), the first carries the marker.
                assertThat(events.get(i).timestamp()).isEqualTo(events.get(0).timestamp());
                assertThat(events.get(i).marker()).isEqualTo(i == 0);
            }
            assertConsecutive(phoneB.packets());
            awaitRelayed(bridge, digit.size());
            assertThat(bridge.relayedPackets()).isEqualTo(digit.size());
            // Heard, counted, relayed, but not left for the next menu.
            assertThat(a.counters().digitsReceived()).isEqualTo(2);  // the injected one and the relayed one
            assertThat(a.nextDigit(Duration.ofMillis(200))).isEmpty();
            bridge.close();
            assertThat(a.nextDigit(Duration.ZERO)).isEmpty();
            a.injectDigit('7');  // after the bridge, digits are buffered again
            assertThat(a.nextDigit(Duration.ZERO)).contains('7');
        }
    }

    @Test
    void dropsAndCountsEventsTheOtherSideCannotTakeComfortNoiseAndUnknownPayloadTypes() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "8");
             MediaBridge bridge = a.connect(b)) {
            List<byte[]> digit = RtpPeer.sippDigit(1, 10, 999);
            phoneA.peer.sendAll(a.localPort(), digit);  // b negotiated no telephone-event
            phoneA.send(a, RtpPeer.rtp(13, false, 20, 1_000, 0xA, new byte[] {40}));  // comfort noise (RFC 3389)
            phoneA.send(a, RtpPeer.rtp(99, false, 21, 1_160, 0xA, frame(1)));  // never negotiated
            phoneA.send(a, new byte[] {0x40, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});  // not RTP version 2
            phoneA.send(a, RtpPeer.rtp(8, false, 22, 1_320, 0xA, frame(2)));  // the only one to relay

            List<RtpPeer.Packet> relayed = phoneB.await(p -> !isSilence(p), 1, 5_000);
            Thread.sleep(200);  // anything else that would wrongly get through has arrived by now
            assertThat(phoneB.packets().stream().filter(p -> !isSilence(p)).toList()).hasSize(1);
            assertThat(relayed.get(0).payload()).isEqualTo(frame(2));
            assertThat(phoneB.packets()).allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(8));
            awaitRelayed(bridge, 1);
            assertThat(bridge.relayedPackets()).isEqualTo(1);
            assertThat(bridge.droppedPackets()).isEqualTo(digit.size() + 3);
            assertThat(engine.counters().relayDropped()).isEqualTo(digit.size() + 3);
        }
    }

    @Test
    void pacerFillsInSilenceWhileTheOtherSideIsQuietThenTheRelayTakesOverAgain() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "8 101");
             MediaBridge bridge = a.connect(b)) {
            talk(phoneA, a, 8, 0xA1, 0, 20);
            Thread.sleep(300);  // phone A on hold: no RTP
            talk(phoneA, a, 8, 0xA1, 100, 20);
            Thread.sleep(100);
            assertThat(bridge.connected()).isTrue();

            List<RtpPeer.Packet> stream = phoneB.packets();
            assertConsecutive(stream);
            assertTimestampsNeverGoBack(stream);
            List<RtpPeer.Packet> relayed = stream.stream().filter(p -> !isSilence(p)).toList();
            assertThat(relayed).hasSize(40);
            int endOfFirst = stream.indexOf(relayed.get(19));
            int startOfSecond = stream.indexOf(relayed.get(20));
            List<RtpPeer.Packet> hold = stream.subList(endOfFirst + 1, startOfSecond);
            // ~300 ms quiet minus the ~60 ms grace: the far end keeps hearing a stream of silence.
            assertThat(hold).hasSizeBetween(6, 20);
            assertThat(hold).allSatisfy(p -> assertThat(isSilence(p)).isTrue());
            assertThat(hold.get(0).marker()).as("marker where the pacer takes over").isTrue();
            assertThat(hold.subList(1, hold.size())).allSatisfy(p -> assertThat(p.marker()).isFalse());
            // The first silence frame sits where the wall clock says, not right after the last relayed one.
            long gap = hold.get(0).timestamp() - relayed.get(19).timestamp();
            assertThat(gap).isBetween(2 * 160L, 25 * 160L);  // 3-4 frames, more if the pacer ran late
            for (int i = 1; i < hold.size(); i++) {
                assertThat(hold.get(i).timestamp() - hold.get(i - 1).timestamp()).isEqualTo(160);
            }
            assertThat(relayed.get(20).marker()).as("marker where the relay takes over again").isTrue();
            assertThat(relayed.get(20).timestamp() - hold.getLast().timestamp()).isBetween(160L, 480L);
        }
    }

    @Test
    void playThrowsWhileConnectedAndWorksAgainAfterTheBridgeCloses() throws Exception {
        AudioClip tone = MediaEngineTest.tone("tone", 200);
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "8 101")) {
            // A prompt in progress when the bridge connects stops, and its play() says why.
            CompletableFuture<PlaybackResult> playing = CompletableFuture.supplyAsync(() -> {
                try {
                    return b.play(List.of(MediaEngineTest.tone("long", 10_000)), false);
                } catch (MediaClosedException e) {
                    throw new IllegalStateException("closed", e);
                }
            });
            Thread.sleep(100);
            MediaBridge bridge = b.connect(a);
            assertThatThrownBy(() -> playing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connected");
            assertThatThrownBy(() -> a.play(List.of(tone), false)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> b.play(List.of(tone), true)).isInstanceOf(IllegalStateException.class);

            bridge.close();
            phoneA.clear();
            assertThat(a.play(List.of(tone), false)).isEqualTo(PlaybackResult.COMPLETED);
            byte[] firstToneFrame = Arrays.copyOf(EncodedFrames.of(tone, fr.accueil.telephony.sdp.AudioCodec.PCMA).data(), 160);
            assertThat(phoneA.await(p -> Arrays.equals(p.payload(), firstToneFrame), 1, 2_000)).isNotEmpty();
        }
    }

    @Test
    void refusesSelfClosedAndDoubleConnectionsAndClosingASessionDisconnects() throws Exception {
        RtpMediaSession a = session(phoneA, "8 101");
        RtpMediaSession b = session(phoneB, "8 101");
        RtpMediaSession c = engine.open("call-c");
        RtpMediaSession closed = engine.open("call-closed");
        closed.close();

        assertThatThrownBy(() -> a.connect(a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.connect(closed)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> closed.connect(a)).isInstanceOf(IllegalStateException.class);
        MediaBridge bridge = a.connect(b);
        assertThatThrownBy(() -> a.connect(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already connected");
        assertThatThrownBy(() -> c.connect(b)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.connect(a)).isInstanceOf(IllegalStateException.class);

        talk(phoneA, a, 8, 0xA, 0, 5);
        assertThat(phoneB.await(p -> !isSilence(p), 5, 2_000)).hasSize(5);
        a.close();
        assertThat(bridge.connected()).isFalse();
        assertThat(engine.counters().activeBridges()).isZero();
        // b is alone again: its pacer sends silence, it can play, and it can be connected anew.
        phoneB.clear();
        assertThat(phoneB.await(MediaBridgeTest::isSilence, 5, 2_000)).hasSize(5);
        assertConsecutive(phoneB.packets());
        try (MediaBridge again = b.connect(c)) {
            assertThat(again.connected()).isTrue();
        }
        assertThat(b.play(List.of(MediaEngineTest.tone("t", 40)), false)).isEqualTo(PlaybackResult.COMPLETED);
        bridge.close();  // a second close is harmless
        b.close();
        c.close();
        MediaEngineTest.awaitPortsInUse(engine.ports(), 0);
    }

    @Test
    void relaysTenThousandPacketsEachWayWithoutLossOrGap() throws Exception {
        int count = 10_000;
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "0 101");
             MediaBridge bridge = a.connect(b)) {
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> flood(phoneB, b, 0, count, 1));
            flood(phoneA, a, 8, count, 1);
            fromB.get(30, TimeUnit.SECONDS);
            for (Phone listener : new Phone[] {phoneA, phoneB}) {
                List<RtpPeer.Packet> relayed = listener.await(p -> p.payload().length == 100, count, 10_000);
                assertThat(relayed).as("relayed by the engine: %d", bridge.relayedPackets()).hasSize(count);
                for (int i = 0; i < count; i++) {
                    assertThat(relayed.get(i).payloadType()).isEqualTo(listener == phoneB ? 0 : 8);
                }
                assertConsecutive(listener.packets());
            }
            // Transcoded both ways (PCMA one side, PCMU the other).
            awaitRelayed(bridge, 2L * count);
            assertThat(bridge.relayedPackets()).isEqualTo(2L * count);
            assertThat(bridge.droppedPackets()).isZero();
        }
    }

    /**
     * {@code count} 100-byte packets (shorter than a pacer's frame, so they are told apart), {@code perMillis}
     * per millisecond: 20 to 50 times a phone's rate, yet slow enough that a socket's default receive
     * buffer (~150 such packets on Linux) rides out the receiver being descheduled for a few tens of
     * milliseconds on a loaded 2-core machine.
     */
    private static void flood(Phone phone, RtpMediaSession to, int payloadType, int count, int perMillis) {
        try {
            byte[] payload = new byte[100];
            Arrays.fill(payload, (byte) 0x2A);
            for (int i = 0; i < count; i++) {
                phone.send(to, RtpPeer.rtp(payloadType, i == 0, i, 160 * i, 0x5EED + payloadType, payload));
                if (i % perMillis == perMillis - 1) {
                    Thread.sleep(1);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connectAndCloseFromAnotherThreadWhileRelayingKeepsOneCleanStream() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "8 101")) {
            CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> flood(phoneA, a, 8, 3_000, 2));
            List<MediaBridge> bridges = new ArrayList<>();
            while (!talking.isDone()) {
                MediaBridge bridge = a.connect(b);
                bridges.add(bridge);
                Thread.sleep(3);
                Thread closer = Thread.ofPlatform().start(bridge::close);
                closer.join();
                Thread.sleep(2);
            }
            talking.get();
            Thread.sleep(200);
            assertThat(bridges).hasSizeGreaterThan(20);
            List<RtpPeer.Packet> stream = phoneB.packets();
            assertThat(stream.stream().filter(p -> !isSilence(p)).count()).isPositive();
            assertConsecutive(stream);
            assertTimestampsNeverGoBack(stream);
            long relayed = bridges.stream().mapToLong(MediaBridge::relayedPackets).sum();
            long dropped = bridges.stream().mapToLong(MediaBridge::droppedPackets).sum();
            assertThat(stream.stream().filter(p -> !isSilence(p)).count()).isEqualTo(relayed);
            assertThat(engine.counters().packetsRelayed()).isEqualTo(relayed);
            // A packet the source saw bridged but whose bridge closed before it went out is dropped, and counted.
            assertThat(dropped).isLessThanOrEqualTo(bridges.size());
            assertThat(relayed + dropped).isLessThanOrEqualTo(3_000);
        }
    }

    @Test
    void theReceiverAllocatesNothingPerRelayedPacket() throws Exception {
        try (RtpMediaSession a = session(phoneA, "8 101"); RtpMediaSession b = session(phoneB, "0 101");
             MediaBridge bridge = a.connect(b)) {
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            Thread receiver = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("rtp-receiver"))
                    .filter(t -> t.isAlive()).findFirst().orElseThrow();
            flood(phoneA, a, 8, 3_000, 2);  // warm-up: class loading, JIT, the counters' cells
            phoneA.peer.sendAll(a.localPort(), RtpPeer.sippDigit(3, 10, 4_000));
            Thread.sleep(200);
            long before = threads.getThreadAllocatedBytes(receiver.threadId());
            long relayedBefore = bridge.relayedPackets();
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> flood(phoneB, b, 0, 3_000, 2));
            flood(phoneA, a, 8, 3_000, 2);
            phoneA.peer.sendAll(a.localPort(), RtpPeer.sippDigit(4, 20, 40_000));
            fromB.get(10, TimeUnit.SECONDS);
            Thread.sleep(200);
            long allocated = threads.getThreadAllocatedBytes(receiver.threadId()) - before;
            assertThat(bridge.relayedPackets() - relayedBefore).isGreaterThan(5_000);
            // A few hundred bytes at most (a digit handed to the session); nothing per packet.
            assertThat(allocated).as("bytes allocated by the receiver for ~6,000 relayed packets").isLessThan(4_096);
        }
    }
}
