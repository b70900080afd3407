package fr.accueil.core.imports;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.indicators.ContactFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * Reads Asterisk CDR lines in cdr_csv's Master.csv column order: accountcode, src, dst, dcontext, clid,
 * channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags,
 * then optionally uniqueid, userfield, peeraccount, linkedid, sequence.
 *
 * <p>A CDR is a reception call when its {@code dst} is in the mapping (the extensions that reach
 * agents); other CDRs (internal calls, outbound calls) are ignored, not reported. Dispositions:
 * ANSWERED → answered after {@code answer − start}, handled for {@code billsec}; NO ANSWER → abandoned
 * waiting after {@code duration}; BUSY and CONGESTION → refused for saturation; FAILED → a technical
 * failure (received, in no rate but the global one). A CDR does not say whether the caller first used
 * menus, so CDR imports know no IVR abandon nor self-service. Dates are local times in the configured zone
 * (cdr_csv writes local time unless {@code usegmtime}).
 *
 * <p>Source key: {@code asterisk-cdr:<uniqueid>} when the column is there, else
 * {@code asterisk-cdr:<channel>@<start>}. Stateless and thread-safe.
 */
public final class AsteriskCdrParser implements LineParser {
    public static final String SOURCE = "asterisk-cdr:";
    private static final int REQUIRED = 16;
    private static final int MAX = 21;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final TargetMap destinations;
    private final ZoneId zone;
    private final OpeningHoursCheck hours;

    public AsteriskCdrParser(TargetMap destinations, ZoneId zone, OpeningHoursCheck hours) {
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    @Override
    public LineResult<ContactFacts> parse(long lineNumber, String line) {
        try {
            return facts(line);
        } catch (MalformedLineException e) {
            return LineResult.rejected(lineNumber, e.getMessage());
        }
    }

    private LineResult<ContactFacts> facts(String line) {
        if (line.isEmpty()) {
            throw new MalformedLineException("empty line");
        }
        List<String> f = CsvFields.splitOrThrow(line);
        if (f.size() < REQUIRED || f.size() > MAX) {
            throw new MalformedLineException("expected " + REQUIRED + " to " + MAX + " fields, got " + f.size());
        }
        var target = destinations.find(f.get(2));
        if (target.isEmpty()) {
            return LineResult.ignored();
        }
        Instant start = date(f.get(9), "start");
        String answerText = f.get(10);
        long duration = QueueLogParser.parseNonNegative(f.get(12), "duration");
        long billsec = QueueLogParser.parseNonNegative(f.get(13), "billsec");
        String uniqueId = f.size() > 16 ? f.get(16) : "";
        String key = SOURCE + (uniqueId.isEmpty() ? f.get(5) + "@" + f.get(9) : uniqueId);
        Target t = target.get();
        var b = ContactFacts.builder(key, t.administration(), t.service(), t.number(), Channel.PHONE, start)
                .inOpeningHours(hours.isOpen(t, start));
        switch (f.get(14)) {
            case "ANSWERED" -> {
                if (answerText.isEmpty()) {
                    throw new MalformedLineException("ANSWERED without an answer date");
                }
                Duration wait = Duration.between(start, date(answerText, "answer"));
                if (wait.isNegative()) {
                    throw new MalformedLineException("answer date before start date");
                }
                b.answeredAfter(wait).handledFor(Duration.ofSeconds(billsec));
            }
            case "NO ANSWER" -> b.abandonedInQueue(Duration.ofSeconds(duration));
            case "BUSY", "CONGESTION" -> b.refusedAtCapacity();
            case "FAILED" -> { }
            default -> throw new MalformedLineException("unknown disposition '"
                    + QueueLogParser.abbreviate(f.get(14)) + "'");
        }
        return new LineResult.Accepted<>(b.build());
    }

    private Instant date(String text, String column) {
        try {
            return LocalDateTime.parse(text, DATE).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("bad " + column + " date '" + QueueLogParser.abbreviate(text) + "'");
        }
    }
}
