package fr.accueil.telephony.sip;

import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.MediaClosedException;
import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.NegotiationException;
import fr.accueil.telephony.media.PlaybackResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A media session without RTP: a fixed SDP answer, G.711 required, digits queued, closes counted. */
final class FakeMediaSession implements MediaSession {
    static final String ANSWER = "v=0\r\no=accueil 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n";
    static final String OFFER = ANSWER.replace("o=accueil 1 1", "o=accueil 2 2");

    final String callId;
    final AtomicInteger closes = new AtomicInteger();
    final List<String> offersSeen = new CopyOnWriteArrayList<>();
    final List<String> answersAccepted = new CopyOnWriteArrayList<>();
    final List<Character> injected = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    private final LinkedBlockingQueue<Character> digits = new LinkedBlockingQueue<>();
    private final Supplier<Instant> lastPacket;

    FakeMediaSession(String callId, Supplier<Instant> lastPacket) {
        this.callId = callId;
        this.lastPacket = lastPacket;
    }

    @Override public int localPort() {
        return 30000;
    }

    @Override public String answer(String offerSdp) throws NegotiationException {
        if (!offerSdp.startsWith("v=0")) {
            throw new NegotiationException(400, "not SDP");
        }
        if (!offerSdp.contains("PCMA") && !offerSdp.contains("PCMU")) {
            throw new NegotiationException(488, "no G.711 in offer");
        }
        offersSeen.add(offerSdp);
        String direction = offerSdp.contains("a=sendonly") ? "a=recvonly" : offerSdp.contains("a=inactive") ? "a=inactive" : "a=sendrecv";
        return ANSWER + direction + "\r\n";
    }

    @Override public String offer() {
        return OFFER;
    }

    @Override public void acceptAnswer(String answerSdp) throws NegotiationException {
        if (!answerSdp.contains("PCM")) {
            throw new NegotiationException(488, "no G.711 in answer");
        }
        answersAccepted.add(answerSdp);
    }

    /** Waits for as long as the clips last; a close wakes it with MediaClosedException. */
    @Override public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws MediaClosedException {
        long millis = clips.stream().mapToLong(c -> c.duration().toMillis()).sum();
        try {
            if (closed.await(millis, TimeUnit.MILLISECONDS)) {
                throw new MediaClosedException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaClosedException();
        }
        return PlaybackResult.COMPLETED;
    }

    @Override public Optional<Character> nextDigit(Duration timeout) throws MediaClosedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (closed.getCount() == 0) {
                    throw new MediaClosedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Character digit = digits.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
                if (digit != null) {
                    return Optional.of(digit);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaClosedException();
        }
    }

    @Override public void flushDigits() {
        digits.clear();
    }

    @Override public void injectDigit(char digit) {
        injected.add(digit);
        digits.add(digit);
    }

    @Override public fr.accueil.telephony.media.MediaBridge connect(MediaSession other) {
        throw new UnsupportedOperationException("a fake session cannot be bridged");
    }

    @Override public Instant lastPacketReceivedAt() {
        return lastPacket.get();
    }

    @Override public void close() {
        closes.incrementAndGet();
        closed.countDown();
    }
}
