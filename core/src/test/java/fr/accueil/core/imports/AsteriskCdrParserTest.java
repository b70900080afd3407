package fr.accueil.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.indicators.Abandonment;
import fr.accueil.core.indicators.ContactFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written Master.csv lines (invented numbers), including malformed ones. */
class AsteriskCdrParserTest {
    private static final TargetMap DESTINATIONS = new TargetMap(Map.of(
            "3939", new Target("caf", "accueil", "0140000000")));

    private static final String SAMPLE = """
            "","0600000001","3939","from-pstn","""
            + "\"\"\"Dupont, Jean\"\" <0600000001>\""
            + """
            ,"PJSIP/trunk-00000001","PJSIP/agent1-00000002","Queue","caf","2026-03-02 09:00:00","2026-03-02 09:00:25","2026-03-02 09:03:25",205,180,"ANSWERED","DOCUMENTATION","1772438400.1",""
            "","0600000002","3939","from-pstn","","PJSIP/trunk-00000003","","Queue","caf","2026-03-02 09:01:00",,"2026-03-02 09:01:40",40,0,"NO ANSWER","DOCUMENTATION"
            "","0600000003","3939","from-pstn","","PJSIP/trunk-00000004","","Queue","caf","2026-03-02 09:02:00",,"2026-03-02 09:02:00",0,0,"BUSY","DOCUMENTATION"
            "","0600000004","3939","from-pstn","","PJSIP/trunk-00000005","","Queue","caf","2026-03-02 09:02:30",,"2026-03-02 09:02:31",1,0,"FAILED","DOCUMENTATION"
            "","101","102","interne","","PJSIP/101-00000006","PJSIP/102-00000007","Dial","PJSIP/102","2026-03-02 09:03:00","2026-03-02 09:03:02","2026-03-02 09:04:00",60,58,"ANSWERED","DOCUMENTATION"
            """;

    record Result(List<ContactFacts> facts, ImportSummary summary) {
    }

    private static Result run(String text) {
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(
                new AsteriskCdrParser(DESTINATIONS, ZoneId.of("Europe/Paris"), OpeningHoursCheck.ALWAYS_OPEN), out::add);
        text.lines().forEach(importer::accept);
        return new Result(out, importer.finish());
    }

    @Test
    void readsEachDisposition() {
        Result r = run(SAMPLE);
        assertThat(r.summary().problems()).isEmpty();
        assertThat(r.summary().imported()).isEqualTo(4);
        assertThat(r.summary().ignored()).as("the internal call").isEqualTo(1);

        ContactFacts answered = r.facts().get(0);
        assertThat(answered.sourceKey()).isEqualTo("asterisk-cdr:1772438400.1");
        assertThat(answered.receivedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(answered.speedOfAnswer()).contains(Duration.ofSeconds(25));
        assertThat(answered.handlingTime()).contains(Duration.ofSeconds(180));
        assertThat(answered.administration()).isEqualTo("caf");

        ContactFacts noAnswer = r.facts().get(1);
        assertThat(noAnswer.sourceKey()).isEqualTo("asterisk-cdr:PJSIP/trunk-00000003@2026-03-02 09:01:00");
        assertThat(noAnswer.abandonment()).contains(new Abandonment(Abandonment.Place.QUEUE, Duration.ofSeconds(40)));
        assertThat(r.facts().get(2).refusedAtCapacity()).isTrue();
        ContactFacts failed = r.facts().get(3);
        assertThat(failed.enteredQueueOrAskedAgent()).isFalse();
        assertThat(failed.refusedAtCapacity()).isFalse();
    }

    @Test
    void reportsMalformedLinesAndImportsTheRest() {
        String good = "\"\",\"0600000002\",\"3939\",\"c\",\"\",\"PJSIP/t-9\",\"\",\"Queue\",\"\","
                + "\"2026-03-02 09:01:00\",,\"2026-03-02 09:01:40\",40,0,\"NO ANSWER\",\"DOCUMENTATION\"";
        String text = String.join("\n",
                good,
                "\"\",\"0600000002\",\"3939\",\"c\"",
                good.replace("2026-03-02 09:01:00", "02/03/2026 09:01"),
                good.replace("\"NO ANSWER\"", "\"MAYBE\""),
                good.replace(",40,", ",forty,"),
                good.replace("\"c\"", "\"c"),
                good.replace("\"NO ANSWER\"", "\"ANSWERED\""),
                good.replace("PJSIP/t-9", "PJSIP/t-10"));
        Result r = run(text);
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(2, "expected 16 to 21 fields, got 4"),
                new LineProblem(3, "bad start date '02/03/2026 09:01'"),
                new LineProblem(4, "unknown disposition 'MAYBE'"),
                new LineProblem(5, "bad duration 'forty'"),
                new LineProblem(6, "text after the closing quote of field 4"),
                new LineProblem(7, "ANSWERED without an answer date"));
        assertThat(r.facts()).extracting(ContactFacts::sourceKey)
                .containsExactly("asterisk-cdr:PJSIP/t-9@2026-03-02 09:01:00", "asterisk-cdr:PJSIP/t-10@2026-03-02 09:01:00");
    }
}
