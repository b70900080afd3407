package fr.accueil.server.imports;

import fr.accueil.core.imports.LineProblem;
import java.time.Duration;
import java.util.List;

/**
 * The summary of one import: lines read, records found, records added, duplicates skipped (already
 * imported, or twice in the file), lines that yield nothing (headers, agent events…), problems (the
 * first {@link fr.accueil.core.imports.LineImporter#MAX_KEPT_PROBLEMS} kept with their line number and
 * reason), and how long it took.
 */
public record ImportReport(ImportFormat format, long lines, long records, long added, long duplicates, long ignored,
                           long problemCount, List<LineProblem> problems, Duration took) {
    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** Lines per second, for the summary. */
    public long linesPerSecond() {
        long millis = Math.max(1, took.toMillis());
        return lines * 1000 / millis;
    }

    /** The summary as printed by {@code ./accueil import}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (LineProblem p : problems) {
            out.append(p).append('\n');
        }
        if (problemCount > problems.size()) {
            out.append("… and ").append(problemCount - problems.size()).append(" more problem(s)\n");
        }
        out.append("Import ").append(format.id()).append(": ").append(lines).append(" line(s) read, ")
                .append(records).append(" record(s) found, ").append(added).append(" added, ")
                .append(duplicates).append(" duplicate(s) skipped, ").append(ignored).append(" line(s) without a record, ")
                .append(problemCount).append(" problem(s); ").append(took.toMillis()).append(" ms (")
                .append(linesPerSecond()).append(" lines/s)\n");
        return out.toString();
    }
}
