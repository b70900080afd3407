package fr.accueil.core.imports;

import java.util.Objects;

/**
 * A line that was not imported: where it is in the file (1-based) and why, in words an operator can act
 * on. Never carries the line's content, which may hold callers' numbers.
 */
public record LineProblem(long lineNumber, String reason) {
    public LineProblem {
        Objects.requireNonNull(reason, "reason");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + lineNumber);
        }
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
