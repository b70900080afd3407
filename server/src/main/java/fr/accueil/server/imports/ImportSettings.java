package fr.accueil.server.imports;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.imports.*}. Validated when bound. Immutable.
 *
 * @param token     bearer token of the upload API ({@code Authorization: Bearer <token>}); absent: the
 *                  upload API answers 503 (there is no user system yet, see docs/configuration.md)
 * @param mapFile   the queue / extension map (YAML or CSV) used by the upload API for the formats that
 *                  need one; the command line takes its own {@code --map}
 * @param batchSize records written per transaction
 */
@ConfigurationProperties("accueil.imports")
public record ImportSettings(String token, Path mapFile, @DefaultValue("10000") int batchSize) {
    public ImportSettings {
        if (token != null && !token.isBlank() && token.length() < 16) {
            throw new IllegalArgumentException("accueil.imports.token must be at least 16 characters long");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("accueil.imports.batch-size must be between 1 and 100000, got " + batchSize);
        }
    }

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /** The token is a secret: never printed. */
    @Override
    public String toString() {
        return "ImportSettings[token=" + (hasToken() ? "******" : "(none)") + ", mapFile=" + mapFile + ", batchSize=" + batchSize + "]";
    }
}
