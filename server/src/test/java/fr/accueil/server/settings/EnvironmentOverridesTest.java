package fr.accueil.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The documented environment variables reach the settings through Spring's relaxed binding. */
class EnvironmentOverridesTest {

    private static AccueilSettings bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return Binder.get(environment).bindOrCreate("accueil", AccueilSettings.class);
    }

    @Test
    void defaults_apply_without_any_variable() {
        AccueilSettings settings = bind(Map.of());
        assertThat(settings.dataDir().toAbsolutePath()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.usesDemoDirectory()).isTrue();
        assertThat(settings.sip().port()).isEqualTo(5060);
        assertThat(settings.rtp().portMin()).isEqualTo(20000);
        assertThat(settings.rtp().portMax()).isEqualTo(29999);
        assertThat(settings.maxCalls()).isEqualTo(2000);
        assertThat(settings.promptDirs()).containsExactly(Path.of("prompts/fr"));
    }

    @Test
    void environment_variables_override_the_settings() {
        AccueilSettings settings = bind(Map.of(
                "ACCUEIL_DATA_DIR", "/var/lib/accueil",
                "ACCUEIL_DIRECTORY_FILE", "/etc/accueil/directory.yaml",
                "ACCUEIL_SIP_PORT", "5080",
                "ACCUEIL_SIP_ADVERTISED_HOST", "sip.example",
                "ACCUEIL_RTP_PORT_MIN", "30000",
                "ACCUEIL_RTP_PORT_MAX", "30999",
                "ACCUEIL_MAX_CALLS", "500",
                "ACCUEIL_PROMPT_DIRS", "/etc/accueil/prompts,/usr/share/accueil/prompts/fr"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/accueil"));
        assertThat(settings.directoryFile()).isEqualTo(Path.of("/etc/accueil/directory.yaml"));
        assertThat(settings.sip().port()).isEqualTo(5080);
        assertThat(settings.sip().advertisedHost()).isEqualTo("sip.example");
        assertThat(settings.rtp().portMin()).isEqualTo(30000);
        assertThat(settings.rtp().portMax()).isEqualTo(30999);
        assertThat(settings.maxCalls()).isEqualTo(500);
        assertThat(settings.promptDirs()).containsExactly(Path.of("/etc/accueil/prompts"), Path.of("/usr/share/accueil/prompts/fr"));
    }
}
