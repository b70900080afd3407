package fr.accueil.core.imports;

import java.util.Objects;

/** What one input line gave: a value, nothing worth importing, or a problem. */
public sealed interface LineResult<T> {

    record Accepted<T>(T value) implements LineResult<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A well-formed line that yields no record (header, agent event, a call still in progress). */
    record Ignored<T>() implements LineResult<T> {
    }

    record Rejected<T>(LineProblem problem) implements LineResult<T> {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
        }
    }

    static <T> LineResult<T> ignored() {
        return new Ignored<>();
    }

    static <T> LineResult<T> rejected(long lineNumber, String reason) {
        return new Rejected<>(new LineProblem(lineNumber, reason));
    }
}
