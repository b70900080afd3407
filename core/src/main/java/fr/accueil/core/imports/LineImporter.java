package fr.accueil.core.imports;

import fr.accueil.core.indicators.ContactFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Feeds a file's lines, one at a time, to a {@link LineParser}, numbers them, hands each contact to
 * the sink, and keeps the summary; memory stays constant whatever the file's size (only the first
 * problems are kept). Not thread-safe: one file, one thread.
 */
public final class LineImporter {
    public static final int MAX_KEPT_PROBLEMS = 1000;

    private final LineParser parser;
    private final Consumer<ContactFacts> sink;
    private final List<LineProblem> problems = new ArrayList<>();
    private long lines;
    private long imported;
    private long ignored;
    private long problemCount;

    public LineImporter(LineParser parser, Consumer<ContactFacts> sink) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public void accept(String line) {
        lines++;
        switch (parser.parse(lines, line)) {
            case LineResult.Accepted<ContactFacts> a -> {
                imported++;
                sink.accept(a.value());
            }
            case LineResult.Ignored<ContactFacts> i -> ignored++;
            case LineResult.Rejected<ContactFacts> r -> problem(r.problem());
        }
        List<LineProblem> late = parser.drainProblems();
        if (!late.isEmpty()) {
            late.forEach(this::problem);
        }
    }

    /** Ends the input and returns the summary; call once. */
    public ImportSummary finish() {
        parser.finish().forEach(this::problem);
        return new ImportSummary(lines, imported, ignored, problemCount, problems);
    }

    private void problem(LineProblem p) {
        problemCount++;
        if (problems.size() < MAX_KEPT_PROBLEMS) {
            problems.add(p);
        }
    }
}
