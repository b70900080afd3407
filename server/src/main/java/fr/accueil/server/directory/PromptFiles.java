package fr.accueil.server.directory;

import fr.accueil.core.directory.PromptRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * "Does this prompt exist" answered from the prompt directories ({@code NAME.wav} in any of them),
 * used by the directory loader until the telephony prompt library is wired in its place.
 */
public record PromptFiles(List<Path> directories) implements Predicate<PromptRef> {
    public PromptFiles {
        directories = List.copyOf(directories);
    }

    public boolean anyDirectoryExists() {
        return directories.stream().anyMatch(Files::isDirectory);
    }

    @Override
    public boolean test(PromptRef prompt) {
        return directories.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(prompt.name() + ".wav")));
    }
}
