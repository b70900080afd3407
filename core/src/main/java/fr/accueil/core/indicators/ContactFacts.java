package fr.accueil.core.indicators;

import fr.accueil.core.contact.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the indicator definition needs to know about one ended contact, whatever recorded it (Accueil's
 * own journal or an imported file). The indicators are computed from these facts only, so that native
 * and imported contacts are measured alike.
 *
 * <p>The compact constructor rejects contradictory facts (answered and abandoned, a callback reached
 * but never requested, …) so that every contact falls in exactly one branch of the definition.
 *
 * @param sourceKey            stable identity of the contact in its source ({@code accueil:<uuid>},
 *                             {@code asterisk-ql:<uniqueid>:<queue>}, …): importing the same record
 *                             twice yields the same key, which makes imports idempotent
 * @param administration       the administration's slug the contact belongs to
 * @param service              the service's slug within that administration
 * @param number               the number (or entry point) the citizen reached
 * @param channel              how the citizen reached the service
 * @param receivedAt           when the contact arrived (first signalling, or queue entry for sources
 *                             that only log queues); decides the 15-minute roll-up bucket
 * @param inOpeningHours       the contact arrived while the service was open; contacts outside opening
 *                             hours are counted apart and take part in no rate
 * @param selfServiceCompleted the IVR fully answered the caller (an information message heard to its
 *                             end) and the caller did not go on to ask for an agent
 * @param enteredQueueOrAskedAgent the caller entered a queue or asked for an agent ("required an answer
 *                             from an agent"); the calculator then excludes short abandons, and
 *                             contacts outside opening hours, to get "presented to an agent"
 * @param speedOfAnswer        present exactly when an agent answered the call: the wait from entering the
 *                             queue (or asking for an agent) to the agent's answer
 * @param abandonment          present when the caller hung up before any answer, with where and after
 *                             how long
 * @param refusedAtCapacity    the call was refused because the platform or the queue was full
 *                             (saturation), before any menu
 * @param handlingTime         for a call answered by an agent, the talk time from answer to hang-up or
 *                             transfer (after-call work not included); empty when unknown
 * @param callbackRequested    the caller left the queue asking to be called back (counted on this,
 *                             the original call)
 * @param callbackReached      an agent's callback reached the citizen; a failed callback leaves this
 *                             false
 * @param transferred          the call was handed on to another number (by the IVR or by the agent)
 * @param satisfaction         the post-call survey's score, 1 (not at all satisfied) to 5 (very
 *                             satisfied), when the caller answered it
 */
public record ContactFacts(String sourceKey, String administration, String service, String number, Channel channel,
                           Instant receivedAt, boolean inOpeningHours, boolean selfServiceCompleted,
                           boolean enteredQueueOrAskedAgent, Optional<Duration> speedOfAnswer, Optional<Abandonment> abandonment,
                           boolean refusedAtCapacity, Optional<Duration> handlingTime, boolean callbackRequested,
                           boolean callbackReached, boolean transferred, OptionalInt satisfaction) {

    public static final int SATISFACTION_MIN = 1;
    public static final int SATISFACTION_MAX = 5;

    public ContactFacts {
        requireText(sourceKey, "sourceKey");
        requireText(administration, "administration");
        requireText(service, "service");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(speedOfAnswer, "speedOfAnswer");
        Objects.requireNonNull(abandonment, "abandonment");
        Objects.requireNonNull(handlingTime, "handlingTime");
        Objects.requireNonNull(satisfaction, "satisfaction");
        speedOfAnswer.ifPresent(d -> requireNotNegative(d, "speedOfAnswer"));
        handlingTime.ifPresent(d -> requireNotNegative(d, "handlingTime"));
        boolean connected = speedOfAnswer.isPresent();
        if (connected && !enteredQueueOrAskedAgent) {
            throw contradiction(sourceKey, "connected to an agent without entering a queue or asking for one");
        }
        if (connected && abandonment.isPresent()) {
            throw contradiction(sourceKey, "both connected to an agent and abandoned");
        }
        if (selfServiceCompleted && enteredQueueOrAskedAgent) {
            throw contradiction(sourceKey, "both completed in self-service and entered a queue or asked for an agent");
        }
        if (abandonment.isPresent() && (abandonment.get().place() == Abandonment.Place.QUEUE) != enteredQueueOrAskedAgent) {
            throw contradiction(sourceKey, "abandon place " + abandonment.get().place()
                    + " does not match enteredQueueOrAskedAgent=" + enteredQueueOrAskedAgent);
        }
        if (refusedAtCapacity && (enteredQueueOrAskedAgent || selfServiceCompleted || abandonment.isPresent())) {
            throw contradiction(sourceKey, "refused at capacity yet reached the menus or a queue");
        }
        if (callbackRequested && !enteredQueueOrAskedAgent) {
            throw contradiction(sourceKey, "callback requested without entering a queue or asking for an agent");
        }
        if (callbackRequested && abandonment.isPresent()) {
            throw contradiction(sourceKey, "both abandoned and waiting for a callback");
        }
        if (callbackReached && !callbackRequested) {
            throw contradiction(sourceKey, "callback reached without being requested");
        }
        if (handlingTime.isPresent() && !connected) {
            throw contradiction(sourceKey, "handling time without an agent's answer");
        }
        if (satisfaction.isPresent()
                && (satisfaction.getAsInt() < SATISFACTION_MIN || satisfaction.getAsInt() > SATISFACTION_MAX)) {
            throw contradiction(sourceKey, "satisfaction " + satisfaction.getAsInt() + " outside 1..5");
        }
    }

    /** An agent answered this call (not counting callbacks). */
    public boolean connectedToAgent() {
        return speedOfAnswer.isPresent();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    private static IllegalArgumentException contradiction(String key, String what) {
        return new IllegalArgumentException("contradictory facts for " + key + ": " + what);
    }

    /** Starts facts for a contact; every flag false and every optional empty until set. */
    public static Builder builder(String sourceKey, String administration, String service, String number,
                                  Channel channel, Instant receivedAt) {
        return new Builder(sourceKey, administration, service, number, channel, receivedAt);
    }

    /** Assembles facts step by step (parsers and tests); {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final String sourceKey;
        private final String administration;
        private final String service;
        private final String number;
        private final Channel channel;
        private final Instant receivedAt;
        private boolean inOpeningHours = true;
        private boolean selfServiceCompleted;
        private boolean enteredQueueOrAskedAgent;
        private Duration speedOfAnswer;
        private Abandonment abandonment;
        private boolean refusedAtCapacity;
        private Duration handlingTime;
        private boolean callbackRequested;
        private boolean callbackReached;
        private boolean transferred;
        private Integer satisfaction;

        private Builder(String sourceKey, String administration, String service, String number, Channel channel,
                        Instant receivedAt) {
            this.sourceKey = sourceKey;
            this.administration = administration;
            this.service = service;
            this.number = number;
            this.channel = channel;
            this.receivedAt = receivedAt;
        }

        public Builder outsideOpeningHours() {
            this.inOpeningHours = false;
            return this;
        }

        public Builder inOpeningHours(boolean open) {
            this.inOpeningHours = open;
            return this;
        }

        public Builder selfServiceCompleted() {
            this.selfServiceCompleted = true;
            return this;
        }

        /** Entered a queue or asked for an agent. */
        public Builder enteredQueueOrAskedAgent() {
            this.enteredQueueOrAskedAgent = true;
            return this;
        }

        /** An agent answered after {@code wait}; implies {@link #enteredQueueOrAskedAgent()}. */
        public Builder answeredAfter(Duration wait) {
            this.enteredQueueOrAskedAgent = true;
            this.speedOfAnswer = wait;
            return this;
        }

        public Builder handledFor(Duration talk) {
            this.handlingTime = talk;
            return this;
        }

        public Builder abandonedInIvr(Duration waited) {
            this.abandonment = new Abandonment(Abandonment.Place.IVR, waited);
            return this;
        }

        /** Hung up while waiting for an agent; implies {@link #enteredQueueOrAskedAgent()}. */
        public Builder abandonedInQueue(Duration waited) {
            this.enteredQueueOrAskedAgent = true;
            this.abandonment = new Abandonment(Abandonment.Place.QUEUE, waited);
            return this;
        }

        public Builder refusedAtCapacity() {
            this.refusedAtCapacity = true;
            return this;
        }

        /** Left the queue asking for a callback; implies {@link #enteredQueueOrAskedAgent()}. */
        public Builder callbackRequested() {
            this.enteredQueueOrAskedAgent = true;
            this.callbackRequested = true;
            return this;
        }

        /** An agent's callback reached the citizen; implies {@link #callbackRequested()}. */
        public Builder callbackReached() {
            callbackRequested();
            this.callbackReached = true;
            return this;
        }

        public Builder transferred() {
            this.transferred = true;
            return this;
        }

        public Builder satisfaction(int score) {
            this.satisfaction = score;
            return this;
        }

        public ContactFacts build() {
            return new ContactFacts(sourceKey, administration, service, number, channel, receivedAt, inOpeningHours,
                    selfServiceCompleted, enteredQueueOrAskedAgent, Optional.ofNullable(speedOfAnswer),
                    Optional.ofNullable(abandonment), refusedAtCapacity, Optional.ofNullable(handlingTime),
                    callbackRequested, callbackReached, transferred,
                    satisfaction == null ? OptionalInt.empty() : OptionalInt.of(satisfaction));
        }
    }
}
