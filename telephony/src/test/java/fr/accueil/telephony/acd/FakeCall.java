package fr.accueil.telephony.acd;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.PlaybackResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An inbound caller driven by the test: playback takes the clips' real duration (so the queue's timing
 * is real), digits are pressed and the caller hangs up from the test thread.
 */
final class FakeCall implements Call {
    private static int next;
    private final CallInfo info;
    private final FakeMedia media = new FakeMedia();
    private final LinkedBlockingQueue<Character> digits = new LinkedBlockingQueue<>();
    private final List<LegListener> listeners = new CopyOnWriteArrayList<>();
    final List<String> played = new CopyOnWriteArrayList<>();
    final List<String> transfers = new CopyOnWriteArrayList<>();
    volatile boolean acceptTransfer = true;
    private volatile EndCause ended;

    FakeCall(String callerNumber) {
        synchronized (FakeCall.class) {
            next++;
        }
        this.info = new CallInfo("caller-" + next + "@test", "0140000000", callerNumber, null,
                new InetSocketAddress("127.0.0.1", 5062), "UDP", Instant.now());
    }

    FakeMedia fakeMedia() {
        return media;
    }

    void press(String keys) {
        keys.chars().forEach(c -> digits.add((char) c));
    }

    /** The caller hangs up (BYE). */
    void hangUpByCaller() {
        end(EndCause.REMOTE_BYE);
    }

    boolean ended() {
        return ended != null;
    }

    Optional<EndCause> cause() {
        return Optional.ofNullable(ended);
    }

    /** Names of the prompts played, music pieces left out. */
    List<String> prompts() {
        return played.stream().filter(p -> !p.startsWith("attente-musique") && !p.startsWith("silence")).toList();
    }

    private void end(EndCause cause) {
        synchronized (this) {
            if (ended != null) {
                return;
            }
            ended = cause;
            notifyAll();
        }
        listeners.forEach(l -> l.ended(cause));
    }

    @Override public CallInfo info() {
        return info;
    }

    @Override public void answer() {
    }

    @Override public void reject(Rejection rejection) {
        end(EndCause.LOCAL_HANGUP);
    }

    @Override public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws CallEndedException {
        long millis = 0;
        for (AudioClip clip : clips) {
            millis += clip.duration().toMillis();
            played.add(clip.name());
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (this) {
            while (true) {
                if (ended != null) {
                    throw new CallEndedException(ended);
                }
                if (interruptible && !digits.isEmpty()) {
                    return PlaybackResult.INTERRUPTED_BY_DIGIT;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return PlaybackResult.COMPLETED;
                }
                try {
                    wait(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CallEndedException(EndCause.SHUTDOWN);
                }
            }
        }
    }

    @Override public Optional<Character> nextDigit(Duration timeout) throws CallEndedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ended != null) {
                throw new CallEndedException(ended);
            }
            Character digit = digits.poll();
            if (digit != null) {
                return Optional.of(digit);
            }
            if (System.nanoTime() >= until) {
                return Optional.empty();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new CallEndedException(EndCause.SHUTDOWN);
            }
        }
    }

    @Override public void flushDigits() {
        digits.clear();
    }

    @Override public boolean transfer(String target) throws CallEndedException {
        if (ended != null) {
            throw new CallEndedException(ended);
        }
        transfers.add(target);
        if (acceptTransfer) {
            end(EndCause.TRANSFERRED);
        }
        return acceptTransfer;
    }

    @Override public FakeMedia media() {
        return media;
    }

    @Override public void listen(LegListener listener) {
        EndCause already;
        synchronized (this) {
            already = ended;
            if (already == null) {
                listeners.add(listener);
            }
        }
        if (already != null) {
            listener.ended(already);
        }
    }

    @Override public void hangUp() {
        end(EndCause.LOCAL_HANGUP);
    }

    @Override public Optional<EndCause> endCause() {
        return Optional.ofNullable(ended);
    }
}
