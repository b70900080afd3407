package fr.accueil.server.directory;

/**
 * One reason a directory file is invalid, located for a human: the file, the 1-based line, the
 * path of the value in the YAML document and what is wrong with it.
 */
public record LocatedProblem(String file, int line, String path, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + reason;
    }
}
