package fr.accueil.core.imports;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Accueil's documented generic CSV (docs/indicators-rules.md, "Generic CSV import"): for
 * administrations whose telephony is neither Asterisk nor FreeSWITCH, one contact per line, RFC 4180
 * quoting, UTF-8, a header row naming the columns (any order, unknown columns ignored).
 *
 * <p>Columns: {@code id} (required, unique in the source), {@code received_at} (required, ISO 8601 with
 * offset), {@code administration}, {@code service} (required), {@code number}, {@code channel}
 * ({@code phone}), {@code in_hours} ({@code true}/{@code false}, default true), {@code outcome} (required,
 * see {@link Outcome}), {@code wait_seconds}, {@code handling_seconds} (decimal seconds), {@code callback}
 * ({@code none}, {@code requested}, {@code reached}, {@code failed}), {@code satisfaction} (1–5, empty if
 * not asked). Source key: {@code csv:<id>}.
 *
 * <p>Stateful (the header): one parser per file, one thread.
 */
public final class GenericCsvParser implements LineParser {
    public static final String SOURCE = "csv:";
    private static final List<String> REQUIRED_IN_ORDER = List.of("id", "received_at", "administration", "service", "outcome");

    /** The {@code outcome} column's values. */
    enum Outcome {
        /** Outside opening hours (implies {@code in_hours=false}). */
        CLOSED,
        /** Fully answered by self-service. */
        SELF_SERVICE,
        /** Hung up in the menus; {@code wait_seconds} = time in the menus (optional). */
        IVR_ABANDONED,
        /** Refused for saturation. */
        REFUSED_CAPACITY,
        /** Sent to another number by the menus, no agent involved. */
        TRANSFERRED_OUT,
        /** Technical failure. */
        FAILED,
        /** An agent answered after {@code wait_seconds} (required); {@code handling_seconds} optional. */
        ANSWERED,
        /** As ANSWERED, then the agent transferred the call. */
        ANSWERED_TRANSFERRED,
        /** Hung up waiting for an agent after {@code wait_seconds} (required). */
        QUEUE_ABANDONED,
        /** Waited for an agent and left without an answer (time-out, no agent, callback requested). */
        UNANSWERED
    }

    private Map<String, Integer> columns;
    private long headerLine;
    private String headerProblem;

    @Override
    public LineResult<ContactFacts> parse(long lineNumber, String line) {
        try {
            if (columns == null && headerProblem == null) {
                header(lineNumber, line);
                return LineResult.ignored();
            }
            if (columns == null) {
                throw new MalformedLineException("no usable header (line " + headerLine + ": " + headerProblem + ")");
            }
            if (line.isEmpty()) {
                throw new MalformedLineException("empty line");
            }
            return new LineResult.Accepted<>(facts(CsvFields.splitOrThrow(line)));
        } catch (MalformedLineException e) {
            return LineResult.rejected(lineNumber, e.getMessage());
        }
    }

    private void header(long lineNumber, String line) {
        headerLine = lineNumber;
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        try {
            List<String> names = CsvFields.splitOrThrow(text);
            Map<String, Integer> found = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).trim().toLowerCase(Locale.ROOT);
                if (found.put(name, i) != null) {
                    throw new MalformedLineException("header names column '" + name + "' twice");
                }
            }
            for (String required : REQUIRED_IN_ORDER) {
                if (!found.containsKey(required)) {
                    throw new MalformedLineException("header lacks required column '" + required + "'");
                }
            }
            columns = found;
        } catch (MalformedLineException e) {
            headerProblem = e.getMessage();
            throw e;
        }
    }

    private ContactFacts facts(List<String> f) {
        if (f.size() != columns.size()) {
            throw new MalformedLineException("expected " + columns.size() + " fields as in the header, got " + f.size());
        }
        String id = required(f, "id");
        OffsetDateTime received;
        try {
            received = OffsetDateTime.parse(required(f, "received_at"));
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("bad received_at '" + QueueLogParser.abbreviate(get(f, "received_at"))
                    + "' (ISO 8601 with offset expected)");
        }
        String channel = get(f, "channel");
        if (!channel.isEmpty() && !channel.equalsIgnoreCase("phone")) {
            throw new MalformedLineException("unknown channel '" + QueueLogParser.abbreviate(channel) + "'");
        }
        Outcome outcome = outcome(required(f, "outcome"));
        var b = ContactFacts.builder(SOURCE + id, required(f, "administration"), required(f, "service"),
                get(f, "number"), Channel.PHONE, received.toInstant());
        String inHours = get(f, "in_hours");
        switch (inHours) {
            case "", "true" -> {
                if (outcome == Outcome.CLOSED && inHours.equals("true")) {
                    throw new MalformedLineException("outcome closed with in_hours=true");
                }
            }
            case "false" -> b.outsideOpeningHours();
            default -> throw new MalformedLineException("bad in_hours '" + QueueLogParser.abbreviate(inHours) + "'");
        }
        Duration wait = seconds(f, "wait_seconds");
        Duration handling = seconds(f, "handling_seconds");
        switch (outcome) {
            case CLOSED -> b.outsideOpeningHours();
            case SELF_SERVICE -> b.selfServiceCompleted();
            case IVR_ABANDONED -> b.abandonedInIvr(wait == null ? Duration.ZERO : wait);
            case REFUSED_CAPACITY -> b.refusedAtCapacity();
            case TRANSFERRED_OUT -> b.transferred();
            case FAILED -> { }
            case ANSWERED, ANSWERED_TRANSFERRED -> {
                b.answeredAfter(requiredWait(wait, outcome));
                if (handling != null) {
                    b.handledFor(handling);
                }
                if (outcome == Outcome.ANSWERED_TRANSFERRED) {
                    b.transferred();
                }
            }
            case QUEUE_ABANDONED -> b.abandonedInQueue(requiredWait(wait, outcome));
            case UNANSWERED -> b.enteredQueueOrAskedAgent();
        }
        String callback = get(f, "callback");
        if (!callback.isEmpty() && !callback.equals("none") && outcome != Outcome.UNANSWERED) {
            throw new MalformedLineException("callback '" + QueueLogParser.abbreviate(callback)
                    + "' needs outcome unanswered (the original call was not answered)");
        }
        switch (callback) {
            case "", "none" -> { }
            case "requested", "failed" -> b.callbackRequested();
            case "reached" -> b.callbackReached();
            default -> throw new MalformedLineException("bad callback '" + QueueLogParser.abbreviate(get(f, "callback"))
                    + "' (none, requested, reached, failed)");
        }
        String score = get(f, "satisfaction");
        if (!score.isEmpty()) {
            if (score.length() != 1 || score.charAt(0) < '1' || score.charAt(0) > '5') {
                throw new MalformedLineException("bad satisfaction '" + QueueLogParser.abbreviate(score) + "' (1 to 5)");
            }
            b.satisfaction(score.charAt(0) - '0');
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException(e.getMessage());
        }
    }

    private static Outcome outcome(String text) {
        try {
            return Outcome.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("unknown outcome '" + QueueLogParser.abbreviate(text) + "'");
        }
    }

    private static Duration requiredWait(Duration wait, Outcome outcome) {
        if (wait == null) {
            throw new MalformedLineException("outcome " + outcome.name().toLowerCase(Locale.ROOT) + " needs wait_seconds");
        }
        return wait;
    }

    private Duration seconds(List<String> f, String column) {
        String text = get(f, column);
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal s = new BigDecimal(text);
            if (s.signum() < 0 || s.scale() > 3 || s.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(s.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedLineException("bad " + column + " '" + QueueLogParser.abbreviate(text) + "'");
        }
    }

    private String required(List<String> f, String column) {
        String value = get(f, column);
        if (value.isBlank()) {
            throw new MalformedLineException("empty " + column);
        }
        return value;
    }

    private String get(List<String> f, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : f.get(i).trim();
    }
}
