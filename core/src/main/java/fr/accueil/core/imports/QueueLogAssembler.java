package fr.accueil.core.imports;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles Asterisk queue_log lines into one {@link ContactFacts} per queued call: a call's events
 * are collected by uniqueid from ENTERQUEUE until the event that ends its stay in the queue
 * (COMPLETEAGENT/COMPLETECALLER, ABANDON, EXITEMPTY, EXITWITHTIMEOUT, EXITWITHKEY, a transfer), which
 * yields the contact. Agent events and housekeeping (uniqueid NONE or REALTIME) yield nothing.
 *
 * <p>How events map to facts:
 * <ul>
 *   <li>every queued call is presented to an agent (it entered a queue); opening hours come from the
 *       {@link OpeningHoursCheck}; the number is the DID event's when logged, else the mapping's;</li>
 *   <li>COMPLETE*: answered after {@code holdtime}, handled for {@code calltime};</li>
 *   <li>a transfer: answered, handled until the transfer, transferred;</li>
 *   <li>ABANDON: abandoned in the queue after {@code waittime};</li>
 *   <li>EXITEMPTY, EXITWITHTIMEOUT, EXITWITHKEY: presented and not answered (the system, not the
 *       caller, ended the wait, or the caller left by a key to another destination).</li>
 * </ul>
 *
 * <p>Memory holds only calls in progress: a call still in a queue longer than {@code maxStay} (default
 * 24 h) after its first line, by the log's own clock, is reported at its first line and dropped, so that
 * a log missing end events (a crash of Asterisk) cannot fill memory. The source key is {@code asterisk-ql:<uniqueid>:<queue>}, so
 * a call that overflows from one queue to another is imported once per queue (Asterisk logs it so).
 * Not thread-safe: one file, one thread, lines in file order.
 */
public final class QueueLogAssembler implements LineParser {
    public static final String SOURCE = "asterisk-ql:";

    private final QueueLogParser parser = new QueueLogParser();
    private final TargetMap queues;
    private final OpeningHoursCheck hours;
    /** Sweeping for stale calls every this many lines keeps the cost per line negligible. */
    private static final int SWEEP_EVERY = 16_384;
    public static final Duration DEFAULT_MAX_STAY = Duration.ofHours(24);

    private final Map<String, CallInQueue> calls = new HashMap<>();
    private final List<LineProblem> late = new ArrayList<>();
    private final Duration maxStay;
    private Instant latest = Instant.EPOCH;
    private long entries;

    public QueueLogAssembler(TargetMap queues, OpeningHoursCheck hours) {
        this(queues, hours, DEFAULT_MAX_STAY);
    }

    public QueueLogAssembler(TargetMap queues, OpeningHoursCheck hours, Duration maxStay) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.maxStay = Objects.requireNonNull(maxStay, "maxStay");
        if (maxStay.isNegative() || maxStay.isZero()) {
            throw new IllegalArgumentException("maxStay must be positive: " + maxStay);
        }
    }

    /** What is known of a call between its ENTERQUEUE and its end. */
    private static final class CallInQueue {
        final Instant firstSeen;
        String did;
        long enterLine;
        Instant enteredAt;
        String queue;
        Target target;
        Duration holdAtConnect;

        CallInQueue(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    @Override
    public LineResult<ContactFacts> parse(long lineNumber, String line) {
        return switch (parser.parse(lineNumber, line)) {
            case LineResult.Accepted<QueueLogEntry> a -> accept(a.value());
            case LineResult.Ignored<QueueLogEntry> i -> LineResult.ignored();
            case LineResult.Rejected<QueueLogEntry> r -> new LineResult.Rejected<>(r.problem());
        };
    }

    /** Takes one parsed entry; returns the contact when this entry ends a call. */
    public LineResult<ContactFacts> accept(QueueLogEntry e) {
        if (e.at().isAfter(latest)) {
            latest = e.at();
        }
        if (++entries % SWEEP_EVERY == 0) {
            sweep();
        }
        try {
            return switch (e.event().kind()) {
                case NOT_A_CALL -> LineResult.ignored();
                case START -> enter(e);
                case CALL_INFO -> info(e);
                case CONNECT -> connect(e);
                case END_ANSWERED, END_ABANDONED, END_UNANSWERED, END_TRANSFERRED -> end(e);
            };
        } catch (MalformedLineException ex) {
            return LineResult.rejected(e.lineNumber(), ex.getMessage());
        }
    }

    private LineResult<ContactFacts> enter(QueueLogEntry e) {
        CallInQueue call = calls.computeIfAbsent(e.uniqueId(), id -> new CallInQueue(e.at()));
        if (call.enteredAt != null) {
            throw new MalformedLineException("ENTERQUEUE for call " + e.uniqueId() + " already in queue '"
                    + call.queue + "' since line " + call.enterLine);
        }
        call.enteredAt = e.at();
        call.enterLine = e.lineNumber();
        call.queue = e.queue();
        call.target = queues.find(e.queue()).orElse(null);
        return LineResult.ignored();
    }

    private LineResult<ContactFacts> info(QueueLogEntry e) {
        if (e.event() == QueueLogEvent.DID && !e.data().get(0).isEmpty()) {
            calls.computeIfAbsent(e.uniqueId(), id -> new CallInQueue(e.at())).did = e.data().get(0);
        }
        return LineResult.ignored();
    }

    private LineResult<ContactFacts> connect(QueueLogEntry e) {
        CallInQueue call = inQueue(e);
        call.holdAtConnect = Duration.ofSeconds(e.seconds(0, "holdtime"));
        return LineResult.ignored();
    }

    private LineResult<ContactFacts> end(QueueLogEntry e) {
        CallInQueue call = inQueue(e);
        calls.remove(e.uniqueId());
        if (call.target == null) {
            return LineResult.rejected(e.lineNumber(), "queue '" + call.queue + "' has no mapping (call "
                    + e.uniqueId() + " entered it on line " + call.enterLine + ")");
        }
        Target t = call.target;
        var b = ContactFacts.builder(SOURCE + e.uniqueId() + ":" + call.queue, t.administration(), t.service(),
                call.did != null ? call.did : t.number(), Channel.PHONE, call.enteredAt)
                .inOpeningHours(hours.isOpen(t, call.enteredAt))
                .enteredQueueOrAskedAgent();
        switch (e.event().kind()) {
            case END_ANSWERED -> b.answeredAfter(Duration.ofSeconds(e.seconds(0, "holdtime")))
                    .handledFor(Duration.ofSeconds(e.seconds(1, "calltime")));
            case END_TRANSFERRED -> b.answeredAfter(Duration.ofSeconds(e.seconds(2, "holdtime")))
                    .handledFor(Duration.ofSeconds(e.seconds(3, "calltime")))
                    .transferred();
            case END_ABANDONED -> b.abandonedInQueue(Duration.ofSeconds(e.seconds(2, "waittime")));
            case END_UNANSWERED -> e.seconds(e.event() == QueueLogEvent.EXITWITHKEY ? 3 : 2, "waittime");
            default -> throw new AssertionError(e.event());
        }
        return new LineResult.Accepted<>(b.build());
    }

    private CallInQueue inQueue(QueueLogEntry e) {
        CallInQueue call = calls.get(e.uniqueId());
        if (call == null || call.enteredAt == null) {
            throw new MalformedLineException(e.event() + " for call " + e.uniqueId()
                    + " without ENTERQUEUE (started before this file?)");
        }
        return call;
    }

    /** Drops the calls first seen more than {@code maxStay} before the latest event, reporting those that queued. */
    private void sweep() {
        Instant limit = latest.minus(maxStay);
        for (Iterator<Map.Entry<String, CallInQueue>> it = calls.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, CallInQueue> entry = it.next();
            CallInQueue call = entry.getValue();
            if (call.firstSeen.isBefore(limit)) {
                if (call.enteredAt != null) {
                    late.add(new LineProblem(call.enterLine, "call " + entry.getKey() + " entered queue '" + call.queue
                            + "' and did not leave it within " + maxStay.toHours() + " h; dropped"));
                }
                it.remove();
            }
        }
    }

    @Override
    public List<LineProblem> drainProblems() {
        if (late.isEmpty()) {
            return List.of();
        }
        List<LineProblem> out = List.copyOf(late);
        late.clear();
        return out;
    }

    /** Calls currently in a queue (for monitoring memory on long imports). */
    public int callsInProgress() {
        return calls.size();
    }

    /** Every call still in a queue at end of input is reported at its ENTERQUEUE line and dropped. */
    @Override
    public List<LineProblem> finish() {
        List<LineProblem> problems = new ArrayList<>(late);
        late.clear();
        for (Iterator<Map.Entry<String, CallInQueue>> it = calls.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, CallInQueue> entry = it.next();
            if (entry.getValue().enteredAt != null) {
                problems.add(new LineProblem(entry.getValue().enterLine, "call " + entry.getKey()
                        + " entered queue '" + entry.getValue().queue + "' and never left it before end of file"));
            }
            it.remove();
        }
        problems.sort(java.util.Comparator.comparingLong(LineProblem::lineNumber));
        return problems;
    }
}
