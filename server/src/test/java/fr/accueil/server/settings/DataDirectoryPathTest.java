package fr.accueil.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryPathTest {

    private static String process(String dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("test", Map.of("accueil.data-dir", dataDir,
                "spring.datasource.url", "jdbc:h2:file:${accueil.data-dir}/accueil")));
        new DataDirectoryPath().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.datasource.url");
    }

    @Test
    void a_relative_data_dir_becomes_absolute_so_h2_accepts_it() {
        String expected = Path.of("data").toAbsolutePath() + "/accueil";
        assertThat(process("data")).isEqualTo("jdbc:h2:file:" + expected);
        assertThat(process("./data")).isEqualTo("jdbc:h2:file:" + expected);
        assertThat(process("/var/lib/accueil")).isEqualTo("jdbc:h2:file:/var/lib/accueil/accueil");
    }
}
