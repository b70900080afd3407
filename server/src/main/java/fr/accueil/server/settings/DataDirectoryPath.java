package fr.accueil.server.settings;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code accueil.data-dir} absolute before anything reads it. The default H2 URL embeds it
 * ({@code jdbc:h2:file:${accueil.data-dir}/accueil}) and H2 refuses a path "implicitly relative to
 * the current working directory" such as {@code data/accueil}; an absolute path also makes the
 * start-up log say exactly where the data goes. Runs after application.yaml is loaded.
 */
public class DataDirectoryPath implements EnvironmentPostProcessor, Ordered {
    static final String PROPERTY = "accueil.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty(PROPERTY);
        if (dataDir == null || dataDir.isBlank()) {
            return;
        }
        String absolute = Path.of(dataDir.trim()).toAbsolutePath().normalize().toString();
        if (!absolute.equals(dataDir)) {
            environment.getPropertySources().addFirst(new MapPropertySource("accueilAbsoluteDataDir", Map.of(PROPERTY, absolute)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
