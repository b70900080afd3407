package fr.accueil.core.directory;

import java.util.List;
import java.util.stream.Collectors;

/** A directory that must not be used; carries every problem found, not just the first. */
public class InvalidDirectoryException extends RuntimeException {
    private final List<DirectoryProblem> problems;

    public InvalidDirectoryException(List<DirectoryProblem> problems) {
        super(problems.size() + " problem(s) in directory:\n  "
                + problems.stream().map(DirectoryProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<DirectoryProblem> problems() {
        return problems;
    }
}
