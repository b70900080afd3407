package fr.accueil.telephony.acd;

import fr.accueil.telephony.call.Dial;
import fr.accueil.telephony.call.DialOutcome;
import fr.accueil.telephony.call.Dialer;
import fr.accueil.telephony.call.EndCause;
import fr.accueil.telephony.call.LegListener;
import fr.accueil.telephony.call.OutboundCall;
import fr.accueil.telephony.media.MediaUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Phones that behave as the test says, by Request-URI: answer after a delay, never answer, busy, decline,
 * fail. Every INVITE is kept, and the test drives the answered legs (BYE, REFER, lost phone).
 */
final class FakeDialer implements Dialer {
    /** How a phone reacts to an INVITE. */
    sealed interface Behaviour {
        record AnswerAfter(Duration delay) implements Behaviour {
        }

        record Ring() implements Behaviour {
        }

        record Refuse(int status) implements Behaviour {
        }

        record Fail() implements Behaviour {
        }
    }

    static final Behaviour ANSWER = new Behaviour.AnswerAfter(Duration.ofMillis(100));
    static final Behaviour NO_ANSWER = new Behaviour.Ring();
    static final Behaviour BUSY = new Behaviour.Refuse(486);

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    final List<FakeLeg> legs = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<FakeLeg> answered = new LinkedBlockingQueue<>();

    void behave(String uri, Behaviour behaviour) {
        behaviours.put(uri, behaviour);
    }

    @Override
    public OutboundCall dial(Dial dial) throws MediaUnavailableException {
        FakeLeg leg = new FakeLeg(dial, behaviours.getOrDefault(dial.requestUri(), NO_ANSWER));
        legs.add(leg);
        return leg;
    }

    List<FakeLeg> legsTo(String uri) {
        return legs.stream().filter(l -> l.dial().requestUri().equals(uri)).toList();
    }

    /** The next leg that was answered, waiting for it. */
    FakeLeg nextAnswered(Duration timeout) throws InterruptedException {
        FakeLeg leg = answered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (leg == null) {
            throw new AssertionError("no phone answered within " + timeout);
        }
        return leg;
    }

    /** One INVITE and, if answered, its dialog. */
    final class FakeLeg implements OutboundCall {
        private static int next;
        private final Dial dial;
        private final Behaviour behaviour;
        private final String callId;
        private final FakeMedia media = new FakeMedia();
        private final List<LegListener> listeners = new CopyOnWriteArrayList<>();
        private DialOutcome outcome;
        private EndCause ended;
        private boolean up;

        FakeLeg(Dial dial, Behaviour behaviour) {
            this.dial = dial;
            this.behaviour = behaviour;
            synchronized (FakeLeg.class) {
                this.callId = "leg-" + (++next) + "@test";
            }
        }

        @Override public Dial dial() {
            return dial;
        }

        @Override public String callId() {
            return callId;
        }

        @Override public FakeMedia media() {
            return media;
        }

        @Override
        public synchronized DialOutcome awaitAnswer(Duration ringTimeout) {
            if (outcome != null) {
                return outcome;
            }
            long until = System.nanoTime() + ringTimeout.toNanos();
            long answerAt = behaviour instanceof Behaviour.AnswerAfter after ? System.nanoTime() + after.delay().toNanos() : Long.MAX_VALUE;
            if (behaviour instanceof Behaviour.Refuse refuse) {
                outcome = new DialOutcome.Refused(refuse.status(), "refused");
            } else if (behaviour instanceof Behaviour.Fail) {
                outcome = new DialOutcome.Failed("transport");
            }
            while (outcome == null) {
                if (ended != null) {
                    outcome = new DialOutcome.Cancelled();
                    break;
                }
                long now = System.nanoTime();
                if (now >= answerAt && answerAt <= until) {
                    outcome = new DialOutcome.Answered();
                    up = true;
                    answered.add(this);
                    break;
                }
                if (now >= until) {
                    outcome = new DialOutcome.NoAnswer();
                    break;
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(answerAt, until) - now)));
                } catch (InterruptedException e) {
                    outcome = new DialOutcome.Cancelled();
                }
            }
            return outcome;
        }

        @Override public boolean ringing() {
            return true;
        }

        @Override public void listen(LegListener listener) {
            EndCause already;
            synchronized (this) {
                already = up ? ended : null;
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

        @Override public synchronized Optional<EndCause> endCause() {
            return Optional.ofNullable(ended);
        }

        /** The agent hangs up (BYE from the phone). */
        void farEndHangsUp() {
            end(EndCause.REMOTE_BYE);
        }

        /** The phone's dialog breaks (no RTP, transport failure). */
        void lost(EndCause cause) {
            end(cause);
        }

        /** The phone sends REFER; true when we accepted it (202). */
        /** As the SIP endpoint does: ask, and once accepted (202, NOTIFY) tell the listeners. */
        boolean refer(String referTo) {
            boolean accepted = listeners.stream().anyMatch(l -> l.transferRequested(referTo));
            if (accepted) {
                listeners.forEach(l -> l.transferAccepted(referTo));
            }
            return accepted;
        }

        void hold(boolean onHold) {
            listeners.forEach(l -> l.holdChanged(onHold));
        }

        synchronized boolean hungUp() {
            return ended != null;
        }

        private void end(EndCause cause) {
            boolean notify;
            synchronized (this) {
                if (ended != null) {
                    return;
                }
                ended = cause;
                notify = up;
                notifyAll();
            }
            if (notify) {
                listeners.forEach(l -> l.ended(cause));
            }
        }
    }
}
