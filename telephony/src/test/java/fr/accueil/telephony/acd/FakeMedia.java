package fr.accueil.telephony.acd;

import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.MediaBridge;
import fr.accueil.telephony.media.MediaClosedException;
import fr.accueil.telephony.media.MediaSession;
import fr.accueil.telephony.media.PlaybackResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A media session without RTP: remembers what it played and what it was connected to; packets "arrive" unless silenced. */
final class FakeMedia implements MediaSession {
    final List<String> played = new CopyOnWriteArrayList<>();
    final AtomicReference<FakeBridge> bridge = new AtomicReference<>();
    private volatile Instant silentSince;
    private volatile boolean closed;

    /** From now on no packet arrives (the phone is gone without a BYE). */
    void goSilent() {
        silentSince = Instant.now();
    }

    @Override public int localPort() {
        return 40000;
    }

    @Override public String answer(String offerSdp) {
        return offerSdp;
    }

    @Override public String offer() {
        return "v=0";
    }

    @Override public void acceptAnswer(String answerSdp) {
    }

    @Override public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws MediaClosedException {
        if (closed) {
            throw new MediaClosedException();
        }
        clips.forEach(c -> played.add(c.name()));
        return PlaybackResult.COMPLETED;
    }

    @Override public Optional<Character> nextDigit(Duration timeout) {
        return Optional.empty();
    }

    @Override public void flushDigits() {
    }

    @Override public void injectDigit(char digit) {
    }

    @Override public MediaBridge connect(MediaSession other) {
        FakeBridge b = new FakeBridge(this, (FakeMedia) other);
        bridge.set(b);
        ((FakeMedia) other).bridge.set(b);
        return b;
    }

    @Override public Instant lastPacketReceivedAt() {
        Instant silent = silentSince;
        return silent != null ? silent : Instant.now();
    }

    @Override public void close() {
        closed = true;
    }

    /** A bridge between two fake sessions. */
    static final class FakeBridge implements MediaBridge {
        final FakeMedia a;
        final FakeMedia b;
        volatile boolean connected = true;

        FakeBridge(FakeMedia a, FakeMedia b) {
            this.a = a;
            this.b = b;
        }

        @Override public long relayedPackets() {
            return 0;
        }

        @Override public long droppedPackets() {
            return 0;
        }

        @Override public boolean connected() {
            return connected;
        }

        @Override public void close() {
            connected = false;
        }
    }
}
