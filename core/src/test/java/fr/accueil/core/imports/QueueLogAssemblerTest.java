package fr.accueil.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.indicators.Abandonment;
import fr.accueil.core.indicators.ContactFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written queue_log samples (invented ids and numbers), including malformed lines. */
class QueueLogAssemblerTest {
    private static final TargetMap QUEUES = new TargetMap(Map.of(
            "caf-accueil", new Target("caf", "accueil", "0140000000"),
            "caf-retraite", new Target("caf", "retraite", "0140000001")));

    private static final String SAMPLE = """
            1772438400|NONE|NONE|NONE|QUEUESTART|
            1772438410|NONE|caf-accueil|PJSIP/agent1|ADDMEMBER|
            1772438500|1772438499.1|caf-accueil||DID|0140000099
            1772438500|1772438499.1|caf-accueil|NONE|ENTERQUEUE||0600000001|1
            1772438505|1772438504.2|caf-accueil|NONE|ENTERQUEUE||0600000002|2
            1772438512|1772438499.1|caf-accueil|PJSIP/agent1|RINGNOANSWER|15000
            1772438520|1772438499.1|caf-accueil|PJSIP/agent2|CONNECT|20|1772438519.5|3
            1772438540|1772438504.2|caf-accueil|NONE|ABANDON|1|2|35
            1772438700|1772438499.1|caf-accueil|PJSIP/agent2|COMPLETECALLER|20|180|1
            1772438800|1772438799.3|caf-retraite|NONE|ENTERQUEUE||0600000003|1
            1772438830|1772438799.3|caf-retraite|PJSIP/agent3|CONNECT|30|1772438829.7|2
            1772438900|1772438799.3|caf-retraite|PJSIP/agent3|BLINDTRANSFER|1234|interne|30|70|1
            1772439000|1772438999.4|caf-retraite|NONE|ENTERQUEUE||0600000004|1
            1772439300|1772438999.4|caf-retraite|NONE|EXITWITHTIMEOUT|1|1|300
            1772439400|NONE|caf-accueil|PJSIP/agent1|PAUSE|lunch
            """;

    private static Result run(String text) {
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(new QueueLogAssembler(QUEUES, OpeningHoursCheck.ALWAYS_OPEN), out::add);
        text.lines().forEach(importer::accept);
        return new Result(out, importer.finish());
    }

    record Result(List<ContactFacts> facts, ImportSummary summary) {
    }

    @Test
    void assemblesOneContactPerQueuedCall() {
        Result r = run(SAMPLE);
        assertThat(r.summary().problems()).isEmpty();
        assertThat(r.summary().lines()).isEqualTo(15);
        assertThat(r.summary().imported()).isEqualTo(4);
        assertThat(r.summary().ignored()).isEqualTo(11);
        assertThat(r.facts()).extracting(ContactFacts::sourceKey).containsExactly(
                "asterisk-ql:1772438504.2:caf-accueil", "asterisk-ql:1772438499.1:caf-accueil",
                "asterisk-ql:1772438799.3:caf-retraite", "asterisk-ql:1772438999.4:caf-retraite");

        ContactFacts abandoned = r.facts().get(0);
        assertThat(abandoned.abandonment()).contains(new Abandonment(Abandonment.Place.QUEUE, Duration.ofSeconds(35)));
        assertThat(abandoned.number()).isEqualTo("0140000000");
        assertThat(abandoned.receivedAt()).isEqualTo(Instant.ofEpochSecond(1772438505));

        ContactFacts answered = r.facts().get(1);
        assertThat(answered.speedOfAnswer()).contains(Duration.ofSeconds(20));
        assertThat(answered.handlingTime()).contains(Duration.ofSeconds(180));
        assertThat(answered.number()).as("the DID event's number").isEqualTo("0140000099");
        assertThat(answered.administration()).isEqualTo("caf");

        ContactFacts transferred = r.facts().get(2);
        assertThat(transferred.transferred()).isTrue();
        assertThat(transferred.handlingTime()).contains(Duration.ofSeconds(70));
        assertThat(transferred.service()).isEqualTo("retraite");

        ContactFacts timedOut = r.facts().get(3);
        assertThat(timedOut.enteredQueueOrAskedAgent()).isTrue();
        assertThat(timedOut.connectedToAgent()).isFalse();
        assertThat(timedOut.abandonment()).isEmpty();
    }

    @Test
    void importingTheSameFileTwiceGivesTheSameSourceKeysAndFacts() {
        // The server stores contacts by source key; equal keys and facts make a second import add nothing.
        assertThat(run(SAMPLE).facts()).isEqualTo(run(SAMPLE).facts());
    }

    @Test
    void reportsMalformedLinesWithTheirNumberAndImportsTheRest() {
        String text = """
                1772438500|1772438499.1|caf-accueil|NONE|ENTERQUEUE||0600000001|1
                1772438501|1772438499.9|caf-accueil
                17724385X0|1772438499.8|caf-accueil|NONE|ENTERQUEUE||0600000001|1
                1772438502|1772438499.7|caf-accueil|NONE|HOLDMUSIC|1
                1772438503|1772438499.6|caf-accueil|NONE|ABANDON|1|1
                1772438504|1772438499.5|caf-accueil|PJSIP/a|CONNECT|abc|x|1
                1772438505|1772438499.4|caf-accueil|PJSIP/a|COMPLETEAGENT|5|60|1

                1772438520|1772438499.1|caf-accueil|PJSIP/a|CONNECT|20|1772438519.5|3
                1772438700|1772438499.1|caf-accueil|PJSIP/a|COMPLETEAGENT|20|180|1
                1772438800|1772438799.3|inconnue|NONE|ENTERQUEUE||0600000003|1
                1772438830|1772438799.3|inconnue|NONE|ABANDON|1|1|30
                1772438900|1772438899.2|caf-accueil|NONE|ENTERQUEUE||0600000005|1
                """;
        Result r = run(text);
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(2, "truncated line: expected at least 5 fields (epoch|uniqueid|queue|agent|EVENT), got 3"),
                new LineProblem(3, "bad epoch '17724385X0'"),
                new LineProblem(4, "unknown event 'HOLDMUSIC'"),
                new LineProblem(5, "ABANDON needs 3 data fields, got 2"),
                new LineProblem(6, "CONNECT for call 1772438499.5 without ENTERQUEUE (started before this file?)"),
                new LineProblem(7, "COMPLETEAGENT for call 1772438499.4 without ENTERQUEUE (started before this file?)"),
                new LineProblem(8, "empty line"),
                new LineProblem(12, "queue 'inconnue' has no mapping (call 1772438799.3 entered it on line 11)"),
                new LineProblem(13, "call 1772438899.2 entered queue 'caf-accueil' and never left it before end of file"));
        assertThat(r.summary().problemCount()).isEqualTo(9);
        assertThat(r.facts()).singleElement().satisfies(f -> {
            assertThat(f.sourceKey()).isEqualTo("asterisk-ql:1772438499.1:caf-accueil");
            assertThat(f.speedOfAnswer()).contains(Duration.ofSeconds(20));
        });
    }

    @Test
    void badNumbersInsideAKnownEventAreReported() {
        Result r = run("""
                1772438500|u1|caf-accueil|NONE|ENTERQUEUE||0600000001|1
                1772438520|u1|caf-accueil|PJSIP/a|CONNECT|-4|u9|3
                1772438530|u1|caf-accueil|PJSIP/a|COMPLETECALLER|20|1.5|1
                """);
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(2, "bad holdtime of CONNECT '-4'"),
                new LineProblem(3, "bad calltime of COMPLETECALLER '1.5'"));
        assertThat(r.facts()).isEmpty();
    }

    @Test
    void callsThatNeverLeaveAreDroppedAfterTheMaximumStaySoMemoryStaysBounded() {
        var assembler = new QueueLogAssembler(QUEUES, OpeningHoursCheck.ALWAYS_OPEN, Duration.ofHours(1));
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(assembler, out::add);
        importer.accept("1772438400|lost|caf-accueil|NONE|ENTERQUEUE||0600000001|1");
        // Well over one sweep interval of complete calls, spanning more than the maximum stay.
        for (int i = 0; i < 20_000; i++) {
            long t = 1772438500L + i;
            importer.accept(t + "|u" + i + "|caf-accueil|NONE|ENTERQUEUE||06|1");
            importer.accept((t + 1) + "|u" + i + "|caf-accueil|NONE|ABANDON|1|1|1");
        }
        assertThat(assembler.callsInProgress()).isZero();
        ImportSummary summary = importer.finish();
        assertThat(summary.problems()).containsExactly(new LineProblem(1,
                "call lost entered queue 'caf-accueil' and did not leave it within 1 h; dropped"));
        assertThat(out).hasSize(20_000);
    }

    @Test
    void closedHoursComeFromTheCheck() {
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(new QueueLogAssembler(QUEUES, (target, at) -> false), out::add);
        importer.accept("1772438500|u1|caf-accueil|NONE|ENTERQUEUE||0600000001|1");
        importer.accept("1772438530|u1|caf-accueil|NONE|EXITEMPTY|1|1|30");
        assertThat(importer.finish().problems()).isEmpty();
        assertThat(out).singleElement().extracting(ContactFacts::inOpeningHours).isEqualTo(false);
    }

    @Test
    void memoryHoldsOnlyCallsInProgress() {
        var assembler = new QueueLogAssembler(QUEUES, OpeningHoursCheck.ALWAYS_OPEN);
        for (int i = 0; i < 10_000; i++) {
            assembler.parse(2L * i + 1, (1772438500 + i) + "|u" + i + "|caf-accueil|NONE|ENTERQUEUE||06|1");
            assembler.parse(2L * i + 2, (1772438510 + i) + "|u" + i + "|caf-accueil|NONE|ABANDON|1|1|10");
        }
        assertThat(assembler.callsInProgress()).isZero();
    }
}
