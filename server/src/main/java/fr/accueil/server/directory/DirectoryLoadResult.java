package fr.accueil.server.directory;

import fr.accueil.core.directory.Directory;
import java.util.List;

/** What reading a directory file gave: a directory ready to use, or every problem found. */
public sealed interface DirectoryLoadResult {

    record Loaded(Directory directory) implements DirectoryLoadResult {
    }

    record Rejected(List<LocatedProblem> problems) implements DirectoryLoadResult {
        public Rejected {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejected directory names at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }
}
