package fr.accueil.core.directory;

/**
 * One reason a directory is invalid. {@code path} locates the faulty value in the source document
 * ({@code services[2].menus.main.options.3}); the loader turns it into a file and line.
 */
public record DirectoryProblem(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
