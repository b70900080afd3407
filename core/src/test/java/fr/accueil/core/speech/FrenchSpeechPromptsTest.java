package fr.accueil.core.speech;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.PromptRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every fragment {@link FrenchSpeech} can ask for must be a listed (hence generated) prompt, or a
 * caller would hear silence where a number or a day should be.
 */
class FrenchSpeechPromptsTest {

    /** Relative to the core module directory, where Maven runs the tests. */
    private static final Path TEXTS = Path.of("..", "prompts", "fr", "texts.tsv");

    private static Set<String> listed;

    @BeforeAll
    static void readPromptList() throws IOException {
        assertThat(TEXTS).as("prompt list, read from the core module directory").isRegularFile();
        listed = Files.readAllLines(TEXTS, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    assertThat(line).as("a NAME<TAB>TEXT line").contains("\t");
                    return line.substring(0, line.indexOf('\t'));
                })
                .collect(Collectors.toSet());
    }

    @Test
    void theListHasTheFragmentsButNoPhantomOnes() {
        // Guards the test itself: an empty or misread list would make the checks below meaningless.
        assertThat(listed).contains("parole/nombre/0", "parole/nombre/99", "parole/a").doesNotContain("parole/nombre/100000");
    }

    @Test
    void everyNumberFragmentIsListed() {
        Set<String> used = new TreeSet<>();
        for (int n = 0; n <= FrenchSpeech.MAX_NUMBER; n++) {
            FrenchSpeech.number(n).forEach(ref -> used.add(ref.name()));
        }
        assertThat(listed).containsAll(used);
    }

    @Test
    void everyTimeFragmentIsListed() {
        Set<String> used = new TreeSet<>();
        for (int minute = 0; minute < 24 * 60; minute++) {
            FrenchSpeech.time(LocalTime.MIN.plusMinutes(minute)).forEach(ref -> used.add(ref.name()));
        }
        assertThat(listed).containsAll(used);
    }

    @Test
    void everyDayAndDateFragmentIsListed() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime now = LocalDateTime.parse("2026-01-01T00:00").atZone(paris);
        Set<String> used = new TreeSet<>();
        // Every date of a leap year and a half, at a time with minutes, from the same "now".
        for (int day = 0; day < 550; day++) {
            ZonedDateTime opening = now.plusDays(day).withHour(8).withMinute(30);
            FrenchSpeech.when(now, opening).forEach(ref -> used.add(ref.name()));
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            used.add(FrenchSpeech.weekday(day).name());
        }
        for (Month month : Month.values()) {
            used.add(FrenchSpeech.month(month).name());
        }
        assertThat(used).contains("parole/aujourdhui", "parole/demain", "parole/premier", "parole/mois/fevrier");
        assertThat(listed).containsAll(used);
    }

    @Test
    void everyListedNameIsAValidPromptName() {
        listed.forEach(PromptRef::of);
    }
}
