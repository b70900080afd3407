package fr.accueil.server.directory;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid directory at start-up into a short report (one {@code file:line: path: reason}
 * per problem) instead of a long stack trace. Registered in META-INF/spring.factories.
 */
public class InvalidDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDirectoryFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDirectoryFileException cause) {
        String description = "The directory file is invalid (" + cause.problems().size() + " problem(s)):\n\n"
                + cause.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        String action = "Correct the directory file (format in docs/configuration.md), or unset accueil.directory-file "
                + "to run the built-in demo directory.";
        return new FailureAnalysis(description, action, cause);
    }
}
