package fr.accueil.core.imports;

import fr.accueil.core.indicators.ContactFacts;
import java.util.List;

/**
 * Turns the lines of one import file, fed in order, into contact facts. A parser may keep state between
 * lines (a header, calls in progress) and is then for one file and one thread.
 */
public interface LineParser {

    /** Reads line {@code lineNumber} (1-based, without its line terminator). */
    LineResult<ContactFacts> parse(long lineNumber, String line);

    /**
     * Problems found since the last call that concern earlier lines (e.g. a call dropped because it
     * stayed in a queue implausibly long); the importer asks after every line.
     */
    default List<LineProblem> drainProblems() {
        return List.of();
    }

    /** At end of input: problems with what was still pending (calls that never ended). */
    default List<LineProblem> finish() {
        return List.of();
    }
}
