package fr.accueil.server.directory;

import java.util.List;
import java.util.stream.Collectors;

/** The directory file cannot be used; thrown at start-up, where it stops the server. */
public class InvalidDirectoryFileException extends RuntimeException {
    private final List<LocatedProblem> problems;

    public InvalidDirectoryFileException(List<LocatedProblem> problems) {
        super(problems.size() + " problem(s) in the directory file:\n  "
                + problems.stream().map(LocatedProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<LocatedProblem> problems() {
        return problems;
    }
}
