package fr.accueil.server.imports;

import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.imports.AsteriskCdrParser;
import fr.accueil.core.imports.FreeSwitchCallcenterParser;
import fr.accueil.core.imports.GenericCsvParser;
import fr.accueil.core.imports.ImportSummary;
import fr.accueil.core.imports.LineImporter;
import fr.accueil.core.imports.LineParser;
import fr.accueil.core.imports.OpeningHoursCheck;
import fr.accueil.core.imports.QueueLogAssembler;
import fr.accueil.core.imports.Target;
import fr.accueil.core.imports.TargetMap;
import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.server.directory.DirectoryService;
import fr.accueil.server.indicators.ImportedFacts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Imports one file of another telephony's records: reads it line by line (constant memory whatever
 * its size: only the parser's calls in progress and one batch are held), parses with the core
 * parsers, and hands batches of facts to {@link ImportedFacts}, which skips source keys already
 * imported and rolls the new ones up. Opening hours of imported calls come from the directory: a
 * mapped service that is not in the directory is taken as open. A complete import ends by sealing
 * the past days' day roll-ups (an interrupted one leaves that to the periodic sealing).
 *
 * <p>Threading: thread-safe; each call reads one file on the caller's thread and writes its batches
 * on a writer thread of its own (see {@code Batches}).
 */
public final class ContactImporter {
    private final ImportedFacts store;
    private final Supplier<Directory> directory;
    private final ZoneId zone;
    private final int batchSize;
    private final Clock clock;

    public ContactImporter(ImportedFacts store, Supplier<Directory> directory, ZoneId zone, int batchSize, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static ContactImporter of(ImportedFacts store, DirectoryService directory, ZoneId zone, int batchSize, Clock clock) {
        return new ContactImporter(store, directory::current, zone, batchSize, clock);
    }

    /**
     * Imports {@code input} to its end. {@code map} is required for the formats that need one.
     *
     * @throws IllegalArgumentException when the format needs a map and none is given
     * @throws UncheckedIOException     when the input cannot be read (what was read before is kept)
     */
    public ImportReport run(ImportFormat format, BufferedReader input, TargetMap map) {
        if (format.needsMap() && map == null) {
            throw new IllegalArgumentException("the " + format.id() + " import needs a map of queues (or extensions) to services");
        }
        Instant start = clock.instant();
        try (Batches batches = new Batches(format)) {
            LineImporter importer = new LineImporter(parser(format, map), batches::accept);
            try {
                String line;
                while ((line = input.readLine()) != null) {
                    importer.accept(line);
                }
            } catch (IOException e) {
                batches.flush();
                throw new UncheckedIOException("cannot read the " + format.id() + " input: " + e.getMessage(), e);
            }
            ImportSummary summary = importer.finish();
            batches.flush();
            store.sealCompletedDays();
            return new ImportReport(format, summary.lines(), summary.imported(), batches.added, batches.duplicates, summary.ignored(),
                    summary.problemCount(), summary.problems(), Duration.between(start, clock.instant()));
        }
    }

    private LineParser parser(ImportFormat format, TargetMap map) {
        OpeningHoursCheck hours = openingHours();
        return switch (format) {
            case QUEUE_LOG -> new QueueLogAssembler(map, hours);
            case CDR -> new AsteriskCdrParser(map, zone, hours);
            case FREESWITCH -> new FreeSwitchCallcenterParser(map, hours);
            case CSV -> new GenericCsvParser();
        };
    }

    /**
     * The directory's hours of the mapped service, looked up once per target and import; services that
     * are not in the directory (or whose slug the directory would not accept) are taken as open.
     */
    private OpeningHoursCheck openingHours() {
        Directory current = directory.get();
        Map<Target, Optional<OpeningHours>> hours = new ConcurrentHashMap<>();
        return (target, at) -> hours.computeIfAbsent(target, t -> {
            try {
                return current.service(new ServiceId(t.service()))
                        .filter(s -> s.administration().value().equals(t.administration()))
                        .map(Service::hours);
            } catch (IllegalArgumentException notASlug) {
                return Optional.empty();
            }
        }).map(h -> h.isOpen(at)).orElse(true);
    }

    /**
     * Facts waiting to be written. Double-buffered: while one batch is written on the
     * {@code import-writer} thread, the reading thread parses the next, so parsing and the database
     * overlap (the import is bound by the slower of the two, not their sum); at most two batches are
     * in memory. Not thread-safe: one import, driven by its reading thread.
     */
    private final class Batches implements AutoCloseable {
        private final ImportFormat format;
        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
                .name("import-writer").daemon(true).unstarted(r));
        private List<ContactFacts> pending = new ArrayList<>(batchSize);
        private Future<ImportedFacts.BatchResult> inFlight;
        long added;
        long duplicates;

        Batches(ImportFormat format) {
            this.format = format;
        }

        void accept(ContactFacts facts) {
            pending.add(facts);
            if (pending.size() >= batchSize) {
                submit();
            }
        }

        private void submit() {
            awaitInFlight();
            List<ContactFacts> batch = pending;
            pending = new ArrayList<>(batchSize);
            inFlight = writer.submit(() -> store.add(format.id(), batch));
        }

        private void awaitInFlight() {
            if (inFlight == null) {
                return;
            }
            try {
                ImportedFacts.BatchResult result = inFlight.get();
                added += result.added();
                duplicates += result.duplicates();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing imported records", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                inFlight = null;
            }
        }

        /** Writes what is pending and waits for every write. */
        void flush() {
            if (!pending.isEmpty()) {
                submit();
            }
            awaitInFlight();
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
    }
}
