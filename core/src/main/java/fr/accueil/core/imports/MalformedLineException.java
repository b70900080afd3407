package fr.accueil.core.imports;

/**
 * Thrown inside a parser when a line cannot be read; the parser turns it into a {@link LineProblem}
 * and goes on with the next line. Carries no stack trace: malformed lines are expected input, not bugs.
 */
final class MalformedLineException extends RuntimeException {
    MalformedLineException(String reason) {
        super(reason, null, false, false);
    }
}
