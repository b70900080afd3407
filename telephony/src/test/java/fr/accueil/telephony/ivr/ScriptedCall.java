package fr.accueil.telephony.ivr;

import fr.accueil.telephony.call.Call;
import fr.accueil.telephony.call.CallEndedException;
import fr.accueil.telephony.call.CallInfo;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.Rejection;
import fr.accueil.telephony.media.AudioClip;
import fr.accueil.telephony.media.PlaybackResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A call whose caller follows a script: each {@link #nextDigit} takes the next scripted key (or a
 * time-out), and the caller hangs up when the script says so. Records what was played.
 */
final class ScriptedCall implements Call {
    private static final Character TIMEOUT = '~';
    private static final Character HANG_UP = '!';

    private final CallInfo info;
    private final Deque<Character> keys = new ArrayDeque<>();
    private final List<String> played = new ArrayList<>();
    private boolean transferAccepted;
    private boolean answered;
    private Rejection rejection;
    private EndCause ended;
    private int hangUpAfterPlays = -1;

    ScriptedCall(String user) {
        this.info = new CallInfo("call-1@test", user, "+33612345678", null,
                new InetSocketAddress("127.0.0.1", 5062), "UDP", Instant.parse("2026-11-25T10:00:00Z"));
    }

    /** Keys in order; '~' is a time-out, '!' is the caller hanging up. */
    ScriptedCall keys(String script) {
        script.chars().forEach(c -> keys.add((char) c));
        return this;
    }

    ScriptedCall transferAccepted(boolean accepted) {
        this.transferAccepted = accepted;
        return this;
    }

    ScriptedCall hangUpDuringPlay(int playIndex) {
        this.hangUpAfterPlays = playIndex;
        return this;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public void answer() throws CallEndedException {
        ensureUp();
        answered = true;
    }

    @Override
    public void reject(Rejection rejection) {
        this.rejection = rejection;
        ended = EndCause.LOCAL_HANGUP;
    }

    @Override
    public PlaybackResult play(List<AudioClip> clips, boolean interruptible) throws CallEndedException {
        ensureUp();
        if (played.size() == hangUpAfterPlays) {
            ended = EndCause.REMOTE_BYE;
            throw new CallEndedException(EndCause.REMOTE_BYE);
        }
        played.add(String.join("+", clips.stream().map(AudioClip::name).toList()));
        return PlaybackResult.COMPLETED;
    }

    @Override
    public Optional<Character> nextDigit(Duration timeout) throws CallEndedException {
        ensureUp();
        Character key = keys.poll();
        if (key == null || key.equals(HANG_UP)) {
            ended = EndCause.REMOTE_BYE;
            throw new CallEndedException(EndCause.REMOTE_BYE);
        }
        return key.equals(TIMEOUT) ? Optional.empty() : Optional.of(key);
    }

    @Override
    public void flushDigits() {
    }

    @Override
    public boolean transfer(String target) throws CallEndedException {
        ensureUp();
        if (transferAccepted) {
            ended = EndCause.TRANSFERRED;
        }
        return transferAccepted;
    }

    @Override
    public void hangUp() {
        if (ended == null) {
            ended = EndCause.LOCAL_HANGUP;
        }
    }

    @Override
    public Optional<EndCause> endCause() {
        return Optional.ofNullable(ended);
    }

    private void ensureUp() throws CallEndedException {
        if (ended != null) {
            throw new CallEndedException(ended);
        }
    }

    List<String> played() {
        return played;
    }

    boolean answered() {
        return answered;
    }

    Rejection rejection() {
        return rejection;
    }

    @Override
    public fr.accueil.telephony.media.MediaSession media() {
        throw new UnsupportedOperationException("a scripted call has no media session");
    }

    @Override
    public void listen(fr.accueil.telephony.call.LegListener listener) {
        throw new UnsupportedOperationException("a scripted call has no far end");
    }
}
