package fr.accueil.core.imports;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Reads FreeSWITCH mod_callcenter {@code callcenter::info} events, one JSON object per line (as
 * mod_event_socket or a JSON event logger writes them), or already-parsed header maps.
 *
 * <p>Only {@code CC-Action: member-queue-end} yields a contact: mod_callcenter puts the whole stay in
 * the queue on it ({@code CC-Member-Joined-Time}, {@code CC-Agent-Answered-Time} when an agent was
 * bridged, {@code CC-Member-Leaving-Time}, epoch seconds) so no state is needed. {@code CC-Cause:
 * Terminated} → answered after {@code answered − joined}, handled for {@code leaving − answered};
 * {@code Cancel} with {@code CC-Cancel-Reason: NONE} (the caller hung up) → abandoned in the queue after
 * {@code leaving − joined}; {@code Cancel} for TIMEOUT, NO_AGENT_TIMEOUT or BREAK_OUT → presented and
 * not answered. Other actions (agent changes, member-queue-start, bridge-agent-*) are ignored, as are
 * events of other subclasses.
 *
 * <p>Source key: {@code freeswitch-cc:<CC-Member-Session-UUID>:<CC-Queue>} (the member UUID when the
 * session UUID is absent). Stateless and thread-safe.
 */
public final class FreeSwitchCallcenterParser implements LineParser {
    public static final String SOURCE = "freeswitch-cc:";

    private final TargetMap queues;
    private final OpeningHoursCheck hours;

    public FreeSwitchCallcenterParser(TargetMap queues, OpeningHoursCheck hours) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    @Override
    public LineResult<ContactFacts> parse(long lineNumber, String line) {
        if (line.isBlank()) {
            return LineResult.rejected(lineNumber, "empty line");
        }
        try {
            return facts(lineNumber, FlatJsonObject.parseOrThrow(line));
        } catch (MalformedLineException e) {
            return LineResult.rejected(lineNumber, e.getMessage());
        }
    }

    /** The same for an event whose headers were already parsed (e.g. read from an event socket). */
    public LineResult<ContactFacts> parse(long lineNumber, Map<String, String> event) {
        try {
            return facts(lineNumber, event);
        } catch (MalformedLineException e) {
            return LineResult.rejected(lineNumber, e.getMessage());
        }
    }

    private LineResult<ContactFacts> facts(long lineNumber, Map<String, String> e) {
        String subclass = e.get("Event-Subclass");
        if (subclass != null && !subclass.equals("callcenter::info") && !subclass.equals("callcenter%3A%3Ainfo")) {
            return LineResult.ignored();
        }
        String action = required(e, "CC-Action");
        if (!action.equals("member-queue-end")) {
            return LineResult.ignored();
        }
        String queue = required(e, "CC-Queue");
        String session = e.getOrDefault("CC-Member-Session-UUID", "");
        String member = session.isEmpty() ? required(e, "CC-Member-UUID") : session;
        var target = queues.find(queue);
        if (target.isEmpty()) {
            return LineResult.rejected(lineNumber, "queue '" + QueueLogParser.abbreviate(queue) + "' has no mapping");
        }
        Instant joined = epoch(e, "CC-Member-Joined-Time");
        Instant leaving = epoch(e, "CC-Member-Leaving-Time");
        if (leaving.isBefore(joined)) {
            throw new MalformedLineException("CC-Member-Leaving-Time before CC-Member-Joined-Time");
        }
        Target t = target.get();
        var b = ContactFacts.builder(SOURCE + member + ":" + queue, t.administration(), t.service(), t.number(),
                Channel.PHONE, joined).inOpeningHours(hours.isOpen(t, joined)).enteredQueueOrAskedAgent();
        String cause = required(e, "CC-Cause");
        switch (cause) {
            case "Terminated" -> {
                Instant answered = epoch(e, "CC-Agent-Answered-Time");
                if (answered.isBefore(joined) || answered.isAfter(leaving)) {
                    throw new MalformedLineException("CC-Agent-Answered-Time outside the stay in the queue");
                }
                b.answeredAfter(Duration.between(joined, answered)).handledFor(Duration.between(answered, leaving));
            }
            case "Cancel" -> {
                String reason = e.getOrDefault("CC-Cancel-Reason", "NONE");
                switch (reason) {
                    case "NONE" -> b.abandonedInQueue(Duration.between(joined, leaving));
                    case "TIMEOUT", "NO_AGENT_TIMEOUT", "BREAK_OUT", "EXIT_WITH_KEY" -> { }
                    default -> throw new MalformedLineException("unknown CC-Cancel-Reason '"
                            + QueueLogParser.abbreviate(reason) + "'");
                }
            }
            default -> throw new MalformedLineException("unknown CC-Cause '" + QueueLogParser.abbreviate(cause) + "'");
        }
        return new LineResult.Accepted<>(b.build());
    }

    private static String required(Map<String, String> e, String header) {
        String value = e.get(header);
        if (value == null || value.isEmpty()) {
            throw new MalformedLineException("missing " + header);
        }
        return value;
    }

    private static Instant epoch(Map<String, String> e, String header) {
        String value = required(e, header);
        return Instant.ofEpochSecond(QueueLogParser.parseNonNegative(value, header));
    }
}
