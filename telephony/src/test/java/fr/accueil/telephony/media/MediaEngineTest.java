package fr.accueil.telephony.media;

import fr.accueil.telephony.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine against a plain DatagramSocket on loopback. Time bounds are generous on purpose. */
class MediaEngineTest {
    private MediaEngine engine;
    private RtpPeer peer;

    static MediaSettings settings(int ports) {
        // Below Linux's ephemeral range (32768-60999), where tests binding port 0 land: a collision
        // with another process would only make open() skip a port, but the exhaustion test counts them.
        int base = 2 * ThreadLocalRandom.current().nextInt(5_000, 16_000);
        return new MediaSettings(InetAddress.getLoopbackAddress(), "127.0.0.1", base, base + 2 * ports - 1, 2);
    }

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(settings(50));
        peer = new RtpPeer();
    }

    @AfterEach
    void stop() {
        peer.close();
        engine.close();
    }

    static AudioClip tone(String name, int millis) {
        short[] samples = new short[millis * 8];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0) + 100);
        }
        return AudioClip.ofPcm16(name, samples);
    }

    /** Ports come back once the receiver thread has dropped the socket: wait for it, boundedly. */
    static void awaitPortsInUse(RtpPortPool pool, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (pool.inUse() != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pool.inUse()).isEqualTo(expected);
    }

    private static CompletableFuture<PlaybackResult> playAsync(MediaSession session, AudioClip clip, boolean interruptible) {
        CompletableFuture<PlaybackResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(session.play(List.of(clip), interruptible));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Test
    void playsAClipAsAContinuousPacedRtpStream() throws Exception {
        AudioClip clip = tone("tone-1s", 1000);
        byte[] encoded = EncodedFrames.of(clip, AudioCodec.PCMA).data();
        try (RtpMediaSession session = engine.open("call-1")) {
            String answer = session.answer(peer.offer("8 0 101", ""));
            assertThat(answer).contains("m=audio " + session.localPort() + " RTP/AVP 8 101\r\n");

            // Read while it plays, so that the socket buffer never overflows on a slow machine.
            java.util.concurrent.atomic.AtomicBoolean played = new java.util.concurrent.atomic.AtomicBoolean();
            CompletableFuture<List<RtpPeer.Packet>> received = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    // until 10 packets after the play returned (silence keeps flowing), at most 10 s
                    List<RtpPeer.Packet> all = new ArrayList<>();
                    int after = 0;
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (after < 10 && System.currentTimeMillis() < deadline) {
                        Optional<RtpPeer.Packet> p = peer.receive(1_000);
                        p.ifPresent(all::add);
                        if (played.get()) {
                            after++;
                        }
                    }
                    received.complete(all);
                } catch (Throwable t) {
                    received.completeExceptionally(t);
                }
            });
            long started = System.nanoTime();
            PlaybackResult result = playAsync(session, clip, false).get(10, TimeUnit.SECONDS);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            played.set(true);

            assertThat(result).isEqualTo(PlaybackResult.COMPLETED);
            assertThat(elapsedMillis).isBetween(500L, 9_000L);
            List<RtpPeer.Packet> packets = new ArrayList<>(received.get(10, TimeUnit.SECONDS));
            assertThat(packets).hasSizeGreaterThan(50);
            assertThat(packets).allSatisfy(p -> {
                assertThat(p.payloadType()).isEqualTo(8);
                assertThat(p.payload()).hasSize(160);
                assertThat(p.ssrc()).isEqualTo(packets.get(0).ssrc());
            });
            assertThat(packets.get(0).marker()).isTrue();
            for (int i = 1; i < packets.size(); i++) {
                RtpPeer.Packet previous = packets.get(i - 1);
                RtpPeer.Packet p = packets.get(i);
                assertThat(p.sequence()).isEqualTo((previous.sequence() + 1) & 0xFFFF);
                long step = (p.timestamp() - previous.timestamp()) & 0xFFFFFFFFL;
                if (p.marker()) {
                    // only after a pacer stall of more than 3 periods (a starved machine): the timestamp follows the clock
                    assertThat(step % 160).isZero();
                    assertThat(step).isGreaterThan(160);
                    assertThat(engine.counters().skippedTicks()).isPositive();
                } else {
                    assertThat(step).isEqualTo(160);
                }
            }
            // The 50 frames of the clip, in order, somewhere in the stream, surrounded by encoded silence.
            int first = -1;
            for (int i = 0; i < packets.size(); i++) {
                if (Arrays.equals(packets.get(i).payload(), Arrays.copyOfRange(encoded, 0, 160))) {
                    first = i;
                    break;
                }
            }
            assertThat(first).as("first frame of the clip").isGreaterThanOrEqualTo(0);
            assertThat(packets.size()).isGreaterThanOrEqualTo(first + 50);
            for (int f = 0; f < 50; f++) {
                assertThat(packets.get(first + f).payload()).as("frame %d", f)
                        .isEqualTo(Arrays.copyOfRange(encoded, f * 160, f * 160 + 160));
            }
            byte[] silence = new byte[160];
            Arrays.fill(silence, (byte) 0xD5);
            assertThat(packets.subList(0, first)).allSatisfy(p -> assertThat(p.payload()).isEqualTo(silence));
            if (packets.size() > first + 50) {
                assertThat(packets.get(first + 50).payload()).isEqualTo(silence);
            }
            assertThat(session.counters().packetsSent()).isGreaterThanOrEqualTo(packets.size());
        }
        assertThat(engine.counters().packetsSent()).isGreaterThan(50);
    }

    @Test
    void sendsPcmuWhenThatIsWhatThePeerPrefers() throws Exception {
        try (RtpMediaSession session = engine.open("call-pcmu")) {
            session.answer(peer.offer("0 8", ""));
            RtpPeer.Packet p = peer.receive(2_000).orElseThrow();
            assertThat(p.payloadType()).isZero();
            assertThat(p.payload()[0]).isEqualTo((byte) 0xFF);
        }
    }

    @Test
    void sippStyleDtmfInterruptsAnInterruptiblePlayAndIsReadOnce() throws Exception {
        try (RtpMediaSession session = engine.open("call-dtmf")) {
            session.answer(peer.offer("8 101", ""));
            CompletableFuture<PlaybackResult> play = playAsync(session, tone("long", 10_000), true);
            peer.receive(2_000).orElseThrow();  // the stream runs
            peer.sendAll(session.localPort(), RtpPeer.sippDigit(5, 100, 48_000));

            assertThat(play.get(5, TimeUnit.SECONDS)).isEqualTo(PlaybackResult.INTERRUPTED_BY_DIGIT);
            assertThat(session.nextDigit(Duration.ofSeconds(2))).contains('5');
            assertThat(session.nextDigit(Duration.ofMillis(300))).isEmpty();
            assertThat(session.counters().digitsReceived()).isEqualTo(1);
        }
    }

    @Test
    void twoDifferentDigitsInARowAreBothCounted() throws Exception {
        try (RtpMediaSession session = engine.open("call-2digits")) {
            session.answer(peer.offer("8 101", ""));
            peer.sendAll(session.localPort(), RtpPeer.sippDigit(1, 100, 8_000));
            peer.sendAll(session.localPort(), RtpPeer.sippDigit(2, 110, 16_000));
            peer.sendAll(session.localPort(), RtpPeer.sippDigit(11, 120, 24_000));

            assertThat(session.nextDigit(Duration.ofSeconds(3))).contains('1');
            assertThat(session.nextDigit(Duration.ofSeconds(3))).contains('2');
            assertThat(session.nextDigit(Duration.ofSeconds(3))).contains('#');
            assertThat(session.nextDigit(Duration.ofMillis(300))).isEmpty();
            assertThat(engine.counters().digitsReceived()).isEqualTo(3);
        }
    }

    @Test
    void injectedDigitReachesNextDigitButDoesNotInterruptAnUninterruptiblePlay() throws Exception {
        try (RtpMediaSession session = engine.open("call-info")) {
            session.answer(peer.offer("8 101", ""));
            CompletableFuture<PlaybackResult> play = playAsync(session, tone("short", 400), false);
            session.injectDigit('9');
            assertThat(play.get(5, TimeUnit.SECONDS)).isEqualTo(PlaybackResult.COMPLETED);
            // typed ahead: an interruptible play returns at once and leaves the digit in the buffer
            assertThat(session.play(List.of(tone("next", 5_000)), true)).isEqualTo(PlaybackResult.INTERRUPTED_BY_DIGIT);
            assertThat(session.nextDigit(Duration.ZERO)).contains('9');
            assertThatThrownBy(() -> session.injectDigit('x')).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void flushDigitsEmptiesTheBufferAndTheBufferIsBounded() throws Exception {
        try (RtpMediaSession session = engine.open("call-flush")) {
            for (int i = 0; i < 40; i++) {
                session.injectDigit('1');
            }
            int buffered = 0;
            while (session.nextDigit(Duration.ZERO).isPresent()) {
                buffered++;
            }
            assertThat(buffered).isEqualTo(RtpMediaSession.MAX_BUFFERED_DIGITS);
            session.injectDigit('2');
            session.flushDigits();
            assertThat(session.nextDigit(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void closeWakesABlockedNextDigitAndAPlayAndReleasesThePort() throws Exception {
        RtpMediaSession session = engine.open("call-close");
        session.answer(peer.offer("8", ""));
        CompletableFuture<Optional<Character>> digit = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                digit.complete(session.nextDigit(Duration.ofMinutes(1)));
            } catch (Throwable t) {
                digit.completeExceptionally(t);
            }
        });
        Thread.sleep(100);  // let it block; the assertion does not depend on it
        int inUse = engine.ports().inUse();

        Thread closer = Thread.ofPlatform().start(session::close);
        closer.join(5_000);

        assertThat(digit).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(MediaClosedException.class);
        awaitPortsInUse(engine.ports(), inUse - 1);
        session.close();  // idempotent
        assertThat(engine.ports().inUse()).isEqualTo(inUse - 1);
        assertThatThrownBy(() -> session.play(List.of(tone("x", 100)), false)).isInstanceOf(MediaClosedException.class);
        assertThatThrownBy(() -> session.nextDigit(Duration.ZERO)).isInstanceOf(MediaClosedException.class);
    }

    @Test
    void closeDuringPlayThrowsMediaClosed() throws Exception {
        RtpMediaSession session = engine.open("call-close-play");
        session.answer(peer.offer("8", ""));
        CompletableFuture<PlaybackResult> play = playAsync(session, tone("long", 10_000), true);
        peer.receive(2_000).orElseThrow();
        session.close();
        assertThat(play).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(MediaClosedException.class);
    }

    @Test
    void portsAreAllFreeAfterManyCyclesAndExhaustionIsReported() throws Exception {
        try (MediaEngine small = new MediaEngine(settings(4))) {
            assertThat(small.ports().capacity()).isEqualTo(4);
            for (int cycle = 0; cycle < 25; cycle++) {
                List<RtpMediaSession> open = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    RtpMediaSession s = small.open("cycle-" + cycle + "-" + i);
                    s.answer(peer.offer("8", ""));
                    open.add(s);
                }
                assertThatThrownBy(() -> small.open("one-too-many")).isInstanceOf(MediaUnavailableException.class);
                open.forEach(RtpMediaSession::close);
                awaitPortsInUse(small.ports(), 0);
            }
            assertThat(small.counters().activeSessions()).isZero();
        }
    }

    @Test
    void latchesOntoTheSourceOfTheFirstPackets() throws Exception {
        try (RtpMediaSession session = engine.open("call-nat"); RtpPeer natted = new RtpPeer()) {
            // The SDP names `peer`; the caller's packets actually come from `natted` (its NAT mapping).
            session.answer(peer.offer("8", ""));
            assertThat(peer.receive(2_000)).isPresent();
            natted.send(session.localPort(), RtpPeer.rtp(8, true, 1, 160, 99, new byte[160]));

            assertThat(natted.receive(3_000)).as("packets follow the source").isPresent();
            peer.drain(100, 500);  // in flight before the switch
            assertThat(peer.receive(300)).as("nothing more to the SDP address").isEmpty();
            assertThat(session.counters().packetsReceived()).isEqualTo(1);
        }
    }

    @Test
    void packetsOfUnnegotiatedPayloadTypesDoNotLatch() throws Exception {
        try (RtpMediaSession session = engine.open("call-stray"); RtpPeer stray = new RtpPeer()) {
            session.answer(peer.offer("8", ""));
            stray.send(session.localPort(), RtpPeer.rtp(96, false, 1, 160, 99, new byte[40]));
            stray.send(session.localPort(), "not rtp".getBytes());
            assertThat(stray.receive(500)).isEmpty();
            assertThat(peer.receive(1_000)).isPresent();
        }
    }

    @Test
    void holdStopsSendingAndResumeRestartsWithAMarker() throws Exception {
        try (RtpMediaSession session = engine.open("call-hold")) {
            session.answer(peer.offer("8", ""));
            assertThat(peer.receive(2_000)).isPresent();

            String answer = session.answer(peer.offer("8", "a=sendonly\r\n"));
            assertThat(answer).contains("a=recvonly");
            peer.drain(100, 500);
            assertThat(peer.receive(400)).as("on hold").isEmpty();

            session.answer(peer.offer("8", "a=inactive\r\n"));
            assertThat(peer.receive(400)).as("inactive").isEmpty();

            session.answer(peer.offer("8", "a=sendrecv\r\n"));
            RtpPeer.Packet resumed = peer.receive(2_000).orElseThrow();
            assertThat(resumed.marker()).isTrue();
        }
    }

    @Test
    void oldStyleHoldWithZeroAddressStopsSending() throws Exception {
        try (RtpMediaSession session = engine.open("call-hold-0")) {
            session.answer(peer.offer("8", ""));
            assertThat(peer.receive(2_000)).isPresent();
            session.answer(peer.offer("8", "").replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"));
            peer.drain(100, 500);
            assertThat(peer.receive(400)).isEmpty();
        }
    }

    @Test
    void lastPacketReceivedAtMovesWithIncomingPackets() throws Exception {
        try (RtpMediaSession session = engine.open("call-watchdog")) {
            session.answer(peer.offer("8", ""));
            var opened = session.lastPacketReceivedAt();
            Thread.sleep(20);
            peer.send(session.localPort(), RtpPeer.rtp(8, true, 1, 160, 99, new byte[160]));
            long deadline = System.currentTimeMillis() + 3_000;
            while (!session.lastPacketReceivedAt().isAfter(opened) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(session.lastPacketReceivedAt()).isAfter(opened);
        }
    }

    @Test
    void unanswerableOffersCarryTheirSipStatus() throws Exception {
        try (RtpMediaSession session = engine.open("call-488")) {
            assertThatThrownBy(() -> session.answer(peer.offer("9", "")))
                    .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(488));
            assertThatThrownBy(() -> session.answer("nonsense"))
                    .isInstanceOfSatisfying(NegotiationException.class, e -> assertThat(e.sipStatus()).isEqualTo(400));
        }
    }

    private static void sendTones(RtpPeer from, int port, char key) throws Exception {
        List<Short> samples = new ArrayList<>();
        InbandDtmfDetectorTest.dtmf(samples, key, 100, 100);
        for (int f = 0; f + 160 <= samples.size(); f += 160) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++) {
                payload[i] = G711.alaw(samples.get(f + i));
            }
            from.send(port, RtpPeer.rtp(8, f == 0, f / 160, f, 77, payload));
        }
    }

    @Test
    void detectsInbandDtmfWhenEnabledAndThePeerHasNoTelephoneEvent() throws Exception {
        MediaSettings base = settings(10);
        MediaSettings withInband = new MediaSettings(base.bindAddress(), base.advertisedAddress(), base.portMin(), base.portMax(), 1, true);
        try (MediaEngine inband = new MediaEngine(withInband); RtpMediaSession session = inband.open("call-inband")) {
            session.answer(peer.offer("8", ""));
            sendTones(peer, session.localPort(), '7');
            assertThat(session.nextDigit(Duration.ofSeconds(3))).contains('7');
        }
    }

    @Test
    void inbandDtmfIsOffByDefault() throws Exception {
        try (RtpMediaSession session = engine.open("call-no-inband")) {
            session.answer(peer.offer("8", ""));
            sendTones(peer, session.localPort(), '7');
            assertThat(session.nextDigit(Duration.ofMillis(500))).isEmpty();
            assertThat(session.counters().packetsReceived()).isGreaterThan(0);
        }
    }

    @Test
    void pacersAllocateNothingPerPacket() throws Exception {
        AudioClip clip = tone("alloc", 20_000);
        List<RtpMediaSession> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RtpMediaSession s = engine.open("alloc-" + i);
            s.answer(peer.offer(i % 2 == 0 ? "8" : "0", ""));
            sessions.add(s);
            playAsync(s, clip, true);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Thread.sleep(1_000);  // warm-up: class loading and the first playback hand-over
        List<Thread> pacers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("rtp-pacer-")).toList();
        long[] before = pacers.stream().mapToLong(t -> threads.getThreadAllocatedBytes(t.threadId())).toArray();
        long sentBefore = engine.counters().packetsSent();
        Thread.sleep(1_000);
        long sent = engine.counters().packetsSent() - sentBefore;
        for (int i = 0; i < pacers.size(); i++) {
            assertThat(threads.getThreadAllocatedBytes(pacers.get(i).threadId()) - before[i]).as(pacers.get(i).getName())
                    .isLessThan(1024);
        }
        assertThat(sent).isGreaterThan(200);
        sessions.forEach(RtpMediaSession::close);
    }

    @Test
    void sippDtmfCapturesReplayedAsIsGiveTheirDigitsOnce() throws Exception {
        try (RtpMediaSession session = engine.open("call-sipp-pcap")) {
            session.answer(peer.offer("8 101", ""));
            for (String name : List.of("1", "2", "pound", "star")) {
                List<byte[]> capture = SippDtmfCapture.rtpPackets(name);
                assertThat(capture).hasSize(10);
                peer.sendAll(session.localPort(), capture);
            }
            peer.sendAll(session.localPort(), SippDtmfCapture.rtpPackets("star"));  // same capture again: same event, ignored

            StringBuilder digits = new StringBuilder();
            Optional<Character> digit;
            while ((digit = session.nextDigit(Duration.ofMillis(700))).isPresent()) {
                digits.append(digit.get());
            }
            assertThat(digits).hasToString("12#*");
        }
    }

    @Test
    void invitesWithoutSdpGetOurOfferAndSendOnlyOnceTheAnswerArrives() throws Exception {
        try (RtpMediaSession session = engine.open("call-late-offer")) {
            String offer = session.offer();
            assertThat(offer).contains("m=audio " + session.localPort() + " RTP/AVP 8 0 101\r\n");
            assertThat(peer.receive(300)).as("no destination before the answer").isEmpty();

            session.acceptAnswer("v=0\r\no=peer 5 5 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + peer.port() + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
            RtpPeer.Packet first = peer.receive(2_000).orElseThrow();
            assertThat(first.payloadType()).isZero();
            assertThat(first.marker()).isTrue();
            peer.sendAll(session.localPort(), RtpPeer.sippDigit(3, 1, 800));
            assertThat(session.nextDigit(Duration.ofSeconds(3))).contains('3');
        }
    }
}
