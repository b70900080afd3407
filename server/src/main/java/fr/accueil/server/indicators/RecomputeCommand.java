package fr.accueil.server.indicators;

import fr.accueil.server.indicators.internal.Recomputation;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./accueil recompute}: the launcher starts the server with {@code accueil.command=recompute}
 * (no SIP, no web server); this runner rebuilds the roll-ups of the configured rule set, prints what
 * it did, and the application exits (0 on success; a failure fails the start-up, exit code 1).
 */
@Component
@ConditionalOnProperty(name = "accueil.command", havingValue = "recompute")
public class RecomputeCommand implements ApplicationRunner, ExitCodeGenerator {
    private final Recomputation recomputation;

    public RecomputeCommand(Recomputation recomputation) {
        this.recomputation = recomputation;
    }

    @Override
    public void run(ApplicationArguments args) {
        Recomputation.Result r = recomputation.run();
        System.out.println("Recomputed the roll-ups of rule set " + r.ruleSetVersion() + ": " + r.contacts() + " contact(s), "
                + r.importedRecords() + " imported record(s), " + r.skipped() + " skipped (no service); " + r.rowsDeleted()
                + " row(s) replaced by " + r.rows() + "; " + r.took().toMillis() + " ms");
    }

    @Override
    public int getExitCode() {
        return 0;
    }
}
