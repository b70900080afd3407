package fr.accueil.core.imports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One parsed queue_log line. {@code data} holds the fields after the event name, in order. */
public record QueueLogEntry(long lineNumber, Instant at, String uniqueId, String queue, String agent,
                           QueueLogEvent event, List<String> data) {
    public QueueLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(event, "event");
        data = List.copyOf(data);
    }

    /** Data field {@code index} (0-based) as whole seconds; the parser checked it is present. */
    long seconds(int index, String name) {
        return QueueLogParser.parseNonNegative(data.get(index), name + " of " + event);
    }
}
