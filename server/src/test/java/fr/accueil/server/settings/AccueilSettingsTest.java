package fr.accueil.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccueilSettingsTest {
    @TempDir
    Path dir;

    private AccueilSettings settings(int maxCalls, AccueilSettings.Rtp rtp, String key) {
        return new AccueilSettings(dir, null, List.of(), new AccueilSettings.Sip(true, 5060, "0.0.0.0", null, Duration.ofSeconds(30), Duration.ofHours(2)), rtp, maxCalls, key,
                ZoneId.of("Europe/Paris"), new AccueilSettings.Journal(1024, 100, Duration.ofMillis(25)));
    }

    @Test
    void limits_are_checked_with_the_property_name_and_the_limit() {
        assertThatThrownBy(() -> new AccueilSettings.Sip(true, -1, "0.0.0.0", null, Duration.ofSeconds(30), Duration.ofHours(2)))
                .hasMessage("accueil.sip.port must be between 0 and 65535, got -1");
        assertThatThrownBy(() -> new AccueilSettings.Rtp(30000, 20000))
                .hasMessage("accueil.rtp.port-max must be between accueil.rtp.port-min (30000) and 65535, got 20000");
        assertThatThrownBy(() -> settings(2000, new AccueilSettings.Rtp(20000, 20999), null))
                .hasMessage("accueil.rtp port range 20000-20999 holds 1000 ports, fewer than accueil.max-calls (2000)");
        assertThatThrownBy(() -> settings(0, new AccueilSettings.Rtp(20000, 29999), null))
                .hasMessage("accueil.max-calls must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> new AccueilSettings.Journal(4, 10, Duration.ZERO))
                .hasMessage("accueil.journal.queue-capacity must be between 16 and 10000000, got 4");
        assertThatThrownBy(() -> new AccueilSettings.Journal(1024, 10, Duration.ofSeconds(2)))
                .hasMessage("accueil.journal.linger must be between 0 and 1s, got PT2S");
        assertThatThrownBy(() -> settings(10, new AccueilSettings.Rtp(20000, 29999), Base64.getEncoder().encodeToString(new byte[8])))
                .hasMessage("accueil.pseudonym-key must be base64 of at least 16 bytes");
    }

    @Test
    void the_pseudonym_key_is_masked_when_printed() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(settings(10, new AccueilSettings.Rtp(20000, 29999), key).toString()).doesNotContain(key).contains("pseudonymKey=******");
    }

    @Test
    void without_a_configured_key_one_is_generated_once_owner_only_and_reused() throws Exception {
        AccueilSettings settings = settings(10, new AccueilSettings.Rtp(20000, 29999), null);
        byte[] first = PseudonymKeys.resolve(settings);
        Path file = dir.resolve("pseudonym.key");
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PseudonymKeys.resolve(settings)).isEqualTo(first);
    }

    @Test
    void a_configured_key_wins_over_the_file() {
        byte[] key = new byte[20];
        key[0] = 7;
        AccueilSettings settings = settings(10, new AccueilSettings.Rtp(20000, 29999), Base64.getEncoder().encodeToString(key));
        assertThat(PseudonymKeys.resolve(settings)).isEqualTo(key);
        assertThat(dir.resolve("pseudonym.key")).doesNotExist();
    }
}
