package fr.accueil.server.contacts;

import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactEvent;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.ContactJournal;
import fr.accueil.server.settings.AccueilSettings;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contact records: a page of contacts started in a period, and one contact with its events. Dates
 * without a time are days in {@code accueil.zone}; {@code to} as a date includes that day.
 * JSON fields are camelCase, like the rest of the API.
 */
@RestController
@RequestMapping("/api/v1/contacts")
public class ContactsController {
    static final int MAX_SIZE = 500;
    static final int DEFAULT_SIZE = 50;

    private final ContactJournal journal;
    private final Clock clock;
    private final ZoneId zone;

    public ContactsController(ContactJournal journal, Clock clock, AccueilSettings settings) {
        this.journal = journal;
        this.clock = clock;
        this.zone = settings.zone();
    }

    public record ContactSummary(String id, String channel, String administration, String service, String dialled, String caller,
                                 Instant startedAt, Instant endedAt, String outcome, int events) {
        static ContactSummary of(Contact c) {
            return new ContactSummary(c.id().toString(), c.channel().name(), c.administration(), c.service(), c.dialled(), c.caller(),
                    c.startedAt(), c.endedAt().orElse(null), c.outcome().map(Enum::name).orElse(null), c.events().size());
        }
    }

    public record ContactPage(Instant from, Instant to, String service, int page, int size, long total, List<ContactSummary> items) {
    }

    public record ContactDetail(String id, String channel, String administration, String service, String dialled, String caller,
                                Instant startedAt, Instant endedAt, String outcome, List<Map<String, Object>> events) {
    }

    @GetMapping
    public ContactPage search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String service, @RequestParam(required = false) String page,
                              @RequestParam(required = false) String size) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant start = from == null ? today.atStartOfDay(zone).toInstant() : instant("from", from, false);
        Instant end = to == null ? today.plusDays(1).atStartOfDay(zone).toInstant() : instant("to", to, true);
        if (!start.isBefore(end)) {
            throw new BadParameter("from", "'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        int pageNumber = integer("page", page, 0, 0, 1_000_000);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        String serviceFilter = service == null || service.isBlank() ? null : service;
        long total = journal.count(start, end, serviceFilter);
        List<ContactSummary> items = journal.search(start, end, serviceFilter, pageNumber * pageSize, pageSize).stream()
                .map(ContactSummary::of).toList();
        return new ContactPage(start, end, serviceFilter, pageNumber, pageSize, total, items);
    }

    @GetMapping("/{id}")
    public ContactDetail contact(@PathVariable String id) {
        ContactId contactId;
        try {
            contactId = ContactId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownContact(id);
        }
        Contact c = journal.find(contactId).orElseThrow(() -> new UnknownContact(id));
        List<Map<String, Object>> events = c.events().stream().map(ContactsController::event).toList();
        return new ContactDetail(c.id().toString(), c.channel().name(), c.administration(), c.service(), c.dialled(), c.caller(),
                c.startedAt(), c.endedAt().orElse(null), c.outcome().map(Enum::name).orElse(null), events);
    }

    /** An event as {@code {"type": ..., "at": ..., <its fields>}}, whatever its record. */
    static Map<String, Object> event(ContactEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", event.type());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + event, e);
            }
            fields.put(component.getName(), switch (value) {
                case null -> null;
                case Character ch -> String.valueOf(ch);
                case Enum<?> e -> e.name();
                case Instant i -> i.toString();
                default -> value;
            });
        }
        return fields;
    }

    private Instant instant(String name, String text, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameter(name, "'" + name + "' must be an ISO 8601 instant (2026-11-27T08:00:00Z) or date (2026-11-27), got '"
                    + text + "'");
        }
    }

    private static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "'" + name + "' must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadParameter(name, "'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }
    }

    static final class UnknownContact extends RuntimeException {
        UnknownContact(String id) {
            super("no contact with id '" + id + "'", null, false, false);
        }
    }

    @ExceptionHandler(BadParameter.class)
    ProblemDetail badParameter(BadParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad parameter");
        problem.setType(URI.create("urn:accueil:problem:bad-parameter"));
        problem.setProperty("parameter", e.parameter);
        return problem;
    }

    @ExceptionHandler(UnknownContact.class)
    ProblemDetail unknown(UnknownContact e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown contact");
        return problem;
    }
}
