package fr.accueil.core.imports;

import java.util.List;

/**
 * The end-of-import report: how many lines were read, how many contacts came out, how many lines
 * yielded nothing, and the problems (the first {@link LineImporter#MAX_KEPT_PROBLEMS} are kept in full,
 * {@code problemCount} counts them all).
 */
public record ImportSummary(long lines, long imported, long ignored, long problemCount, List<LineProblem> problems) {
    public ImportSummary {
        problems = List.copyOf(problems);
    }
}
