package fr.accueil.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.indicators.ContactFacts;
import fr.accueil.core.indicators.IndicatorCalculator;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented generic CSV, hand-written (invented ids), including malformed lines. */
class GenericCsvParserTest {
    private static final String HEADER =
            "\uFEFFid,received_at,administration,service,number,channel,in_hours,outcome,wait_seconds,handling_seconds,callback,satisfaction";

    record Result(List<ContactFacts> facts, ImportSummary summary) {
    }

    private static Result run(String text) {
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(new GenericCsvParser(), out::add);
        text.lines().forEach(importer::accept);
        return new Result(out, importer.finish());
    }

    @Test
    void readsEveryOutcomeAndTheIndicatorsFollow() {
        Result r = run(HEADER + "\n" + """
                a1,2026-03-02T09:00:00+01:00,mairie-lyon,etat-civil,0472000000,phone,true,answered,12.5,240,,5
                a2,2026-03-02T09:01:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,queue_abandoned,30,,,
                a3,2026-03-02T09:02:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,unanswered,300,,reached,
                a4,2026-03-02T09:03:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,unanswered,300,,failed,
                a5,2026-03-02T09:04:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,self_service,,,,
                a6,2026-03-02T20:00:00+01:00,mairie-lyon,etat-civil,0472000000,phone,false,closed,,,,
                a7,2026-03-02T09:05:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,ivr_abandoned,8,,,
                a8,2026-03-02T09:06:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,refused_capacity,,,,
                a9,2026-03-02T09:07:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,transferred_out,,,,
                a10,2026-03-02T09:08:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,answered_transferred,5,60,,2
                a11,2026-03-02T09:09:00+01:00,mairie-lyon,etat-civil,0472000000,phone,,failed,,,,
                """);
        assertThat(r.summary().problems()).isEmpty();
        assertThat(r.summary().imported()).isEqualTo(11);
        assertThat(r.summary().ignored()).as("the header").isEqualTo(1);
        ContactFacts first = r.facts().get(0);
        assertThat(first.sourceKey()).isEqualTo("csv:a1");
        assertThat(first.receivedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(first.speedOfAnswer()).contains(Duration.ofMillis(12_500));
        assertThat(first.handlingTime()).contains(Duration.ofSeconds(240));

        Indicators ind = new IndicatorCalculator(RuleSet.defaults("v1")).total(r.facts());
        assertThat(ind.pickupRate().numerator()).isEqualTo(3);   // a1, a3 (callback reached), a10
        assertThat(ind.pickupRate().denominator()).isEqualTo(5); // a1, a2, a3, a4, a10
        assertThat(ind.globalRate().numerator()).isEqualTo(4);   // + a5
        assertThat(ind.globalRate().denominator()).isEqualTo(10);
        assertThat(ind.closedHoursCalls().numerator()).isEqualTo(1);
        assertThat(ind.callbackCompletion().numerator()).isEqualTo(1);
        assertThat(ind.callbackCompletion().denominator()).isEqualTo(2);
    }

    @Test
    void reportsMalformedLinesAndImportsTheRest() {
        Result r = run(HEADER + "\n" + """
                b1,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,answered,10,,,
                b2,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,answered,10,,
                b3,02/03/2026 09:00,caf,accueil,01,phone,,answered,10,,,
                b4,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,teleported,,,,
                b5,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,answered,,,,
                b6,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,answered,-3,,,
                b7,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,answered,10,,,7
                b8,2026-03-02T09:00:00+01:00,caf,accueil,01,fax,,answered,10,,,
                b9,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,self_service,,,reached,
                ,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,self_service,,,,
                b11,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,true,closed,,,,
                "b12,2026-03-02T09:00:00+01:00,caf
                b13,2026-03-02T09:00:00+01:00,caf,accueil,01,phone,,queue_abandoned,4,,,
                """);
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(3, "expected 12 fields as in the header, got 11"),
                new LineProblem(4, "bad received_at '02/03/2026 09:00' (ISO 8601 with offset expected)"),
                new LineProblem(5, "unknown outcome 'teleported'"),
                new LineProblem(6, "outcome answered needs wait_seconds"),
                new LineProblem(7, "bad wait_seconds '-3'"),
                new LineProblem(8, "bad satisfaction '7' (1 to 5)"),
                new LineProblem(9, "unknown channel 'fax'"),
                new LineProblem(10, "callback 'reached' needs outcome unanswered (the original call was not answered)"),
                new LineProblem(11, "empty id"),
                new LineProblem(12, "outcome closed with in_hours=true"),
                new LineProblem(13, "unterminated quote in field 1"));
        assertThat(r.facts()).extracting(ContactFacts::sourceKey).containsExactly("csv:b1", "csv:b13");
    }

    @Test
    void aHeaderWithoutARequiredColumnRejectsTheFileLineByLine() {
        Result r = run("""
                id,received_at,service,outcome
                c1,2026-03-02T09:00:00+01:00,accueil,self_service
                """);
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(1, "header lacks required column 'administration'"),
                new LineProblem(2, "no usable header (line 1: header lacks required column 'administration')"));
        assertThat(r.facts()).isEmpty();
    }

    @Test
    void columnsMayComeInAnyOrderAndOptionalOnesMayBeMissing() {
        Result r = run("""
                outcome,service,administration,received_at,id,commentaire
                self_service,accueil,caf,2026-03-02T08:00:00Z,d1,"texte libre, avec virgule"
                """);
        assertThat(r.summary().problems()).isEmpty();
        assertThat(r.facts()).singleElement().satisfies(f -> {
            assertThat(f.selfServiceCompleted()).isTrue();
            assertThat(f.inOpeningHours()).isTrue();
            assertThat(f.number()).isEmpty();
        });
    }
}
