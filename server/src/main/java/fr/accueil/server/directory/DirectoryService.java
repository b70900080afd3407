package fr.accueil.server.directory;

import fr.accueil.core.directory.Directory;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the directory in use. Readers take {@link #current()} once per call and keep it (a reload
 * never changes a directory under a call in progress). A reload reads the source again and swaps
 * the directory whole only if the new one is valid; an invalid file keeps the running directory.
 *
 * <p>Thread-safe: reads are a volatile load; reloads are serialised by a lock.
 */
public final class DirectoryService {
    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);

    private final DirectorySource source;
    private final DirectoryYamlLoader loader;
    private final AtomicReference<Directory> current = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();
    private final List<Consumer<Directory>> reloadListeners = new CopyOnWriteArrayList<>();

    /** @throws InvalidDirectoryFileException if the source is unreadable or invalid (stops the start-up) */
    public DirectoryService(DirectorySource source, DirectoryYamlLoader loader) {
        this.source = source;
        this.loader = loader;
        switch (read()) {
            case DirectoryLoadResult.Loaded loaded -> {
                current.set(loaded.directory());
                log.info("Directory {} loaded: {}", source.name(), summary(loaded.directory()));
            }
            case DirectoryLoadResult.Rejected rejected -> throw new InvalidDirectoryFileException(rejected.problems());
        }
    }

    public Directory current() {
        return current.get();
    }

    public DirectorySource source() {
        return source;
    }

    /** Called with the new directory after each successful reload (on the reloading thread). */
    public void onReload(Consumer<Directory> listener) {
        reloadListeners.add(listener);
    }

    /** Reads the source again; on problems keeps the running directory and returns them. */
    public DirectoryLoadResult reload() {
        reloading.lock();
        try {
            DirectoryLoadResult result = read();
            switch (result) {
                case DirectoryLoadResult.Loaded loaded -> {
                    current.set(loaded.directory());
                    log.info("Directory {} reloaded: {}", source.name(), summary(loaded.directory()));
                    for (Consumer<Directory> listener : reloadListeners) {
                        try {
                            listener.accept(loaded.directory());
                        } catch (RuntimeException e) {
                            log.warn("A part of Accueil failed to take the reloaded directory", e);
                        }
                    }
                }
                case DirectoryLoadResult.Rejected rejected -> log.warn("Directory {} NOT reloaded, the running directory is kept; {} problem(s):\n  {}",
                        source.name(), rejected.problems().size(),
                        String.join("\n  ", rejected.problems().stream().map(LocatedProblem::toString).toList()));
            }
            return result;
        } finally {
            reloading.unlock();
        }
    }

    private DirectoryLoadResult read() {
        String text;
        try {
            text = source.read();
        } catch (UncheckedIOException e) {
            return new DirectoryLoadResult.Rejected(List.of(new LocatedProblem(source.name(), 0, "", e.getMessage())));
        }
        return loader.load(source.name(), text);
    }

    public static String summary(Directory directory) {
        return directory.administrations().size() + " administration(s), " + directory.services().size() + " service(s), "
                + directory.numbers().size() + " number(s), " + directory.queues().size() + " queue(s)";
    }
}
