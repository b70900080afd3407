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

/** Hand-written callcenter::info events as JSON lines (invented UUIDs and numbers). */
class FreeSwitchCallcenterParserTest {
    private static final TargetMap QUEUES = new TargetMap(Map.of(
            "accueil@default", new Target("urssaf", "accueil", "3957")));

    private static String end(String session, String cause, String reason, String joined, String answered,
                              String leaving) {
        return "{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"callcenter::info\",\"CC-Queue\":\"accueil@default\","
                + "\"CC-Action\":\"member-queue-end\",\"CC-Member-UUID\":\"m-" + session + "\","
                + "\"CC-Member-Session-UUID\":\"" + session + "\",\"CC-Member-CID-Number\":\"0600000001\","
                + "\"CC-Cause\":\"" + cause + "\""
                + (reason == null ? "" : ",\"CC-Cancel-Reason\":\"" + reason + "\"")
                + ",\"CC-Member-Joined-Time\":\"" + joined + "\""
                + (answered == null ? "" : ",\"CC-Agent-Answered-Time\":\"" + answered + "\"")
                + ",\"CC-Member-Leaving-Time\":\"" + leaving + "\"}";
    }

    record Result(List<ContactFacts> facts, ImportSummary summary) {
    }

    private static Result run(List<String> lines) {
        List<ContactFacts> out = new ArrayList<>();
        var importer = new LineImporter(new FreeSwitchCallcenterParser(QUEUES, OpeningHoursCheck.ALWAYS_OPEN), out::add);
        lines.forEach(importer::accept);
        return new Result(out, importer.finish());
    }

    @Test
    void turnsEachMemberQueueEndIntoAContact() {
        Result r = run(List.of(
                "{\"Event-Subclass\":\"callcenter::info\",\"CC-Action\":\"member-queue-start\",\"CC-Queue\":\"accueil@default\"}",
                "{\"Event-Subclass\":\"callcenter::info\",\"CC-Action\":\"agent-state-change\",\"CC-Agent\":\"1001@default\"}",
                end("s1", "Terminated", null, "1772438400", "1772438430", "1772438630"),
                end("s2", "Cancel", "NONE", "1772438500", null, "1772438545"),
                end("s3", "Cancel", "TIMEOUT", "1772438500", null, "1772438800"),
                "{\"Event-Subclass\":\"conference::maintenance\",\"Action\":\"add-member\"}"));
        assertThat(r.summary().problems()).isEmpty();
        assertThat(r.summary().ignored()).isEqualTo(3);
        assertThat(r.facts()).hasSize(3);

        ContactFacts answered = r.facts().get(0);
        assertThat(answered.sourceKey()).isEqualTo("freeswitch-cc:s1:accueil@default");
        assertThat(answered.receivedAt()).isEqualTo(Instant.ofEpochSecond(1772438400));
        assertThat(answered.speedOfAnswer()).contains(Duration.ofSeconds(30));
        assertThat(answered.handlingTime()).contains(Duration.ofSeconds(200));
        assertThat(answered.administration()).isEqualTo("urssaf");

        assertThat(r.facts().get(1).abandonment())
                .contains(new Abandonment(Abandonment.Place.QUEUE, Duration.ofSeconds(45)));
        ContactFacts timedOut = r.facts().get(2);
        assertThat(timedOut.enteredQueueOrAskedAgent()).isTrue();
        assertThat(timedOut.abandonment()).isEmpty();
        assertThat(timedOut.connectedToAgent()).isFalse();
    }

    @Test
    void reportsMalformedEventsAndImportsTheRest() {
        Result r = run(List.of(
                end("s1", "Terminated", null, "1772438400", "1772438430", "1772438630"),
                "{\"CC-Action\":\"member-queue-end\",\"CC-Queue\":\"accueil@default\"",
                end("s2", "Terminated", null, "17724X8400", "1772438430", "1772438630"),
                end("s3", "Exploded", null, "1772438400", null, "1772438630"),
                end("s4", "Terminated", null, "1772438400", null, "1772438630"),
                end("s5", "Cancel", "NONE", "1772438400", null, "1772438300"),
                end("s6", "Cancel", "NONE", "1772438400", null, "1772438460").replace("accueil@default", "autre@default"),
                "{\"Event-Subclass\":\"callcenter::info\"}",
                "",
                end("s7", "Cancel", "BREAK_OUT", "1772438400", null, "1772438460")));
        assertThat(r.summary().problems()).containsExactly(
                new LineProblem(2, "JSON: truncated object at offset 60"),
                new LineProblem(3, "bad CC-Member-Joined-Time '17724X8400'"),
                new LineProblem(4, "unknown CC-Cause 'Exploded'"),
                new LineProblem(5, "missing CC-Agent-Answered-Time"),
                new LineProblem(6, "CC-Member-Leaving-Time before CC-Member-Joined-Time"),
                new LineProblem(7, "queue 'autre@default' has no mapping"),
                new LineProblem(8, "missing CC-Action"),
                new LineProblem(9, "empty line"));
        assertThat(r.facts()).extracting(ContactFacts::sourceKey)
                .containsExactly("freeswitch-cc:s1:accueil@default", "freeswitch-cc:s7:accueil@default");
    }

    @Test
    void acceptsPreParsedHeaders() {
        var parser = new FreeSwitchCallcenterParser(QUEUES, OpeningHoursCheck.ALWAYS_OPEN);
        var result = parser.parse(1, Map.of("CC-Action", "member-queue-end", "CC-Queue", "accueil@default",
                "CC-Member-UUID", "m9", "CC-Cause", "Cancel", "CC-Member-Joined-Time", "100",
                "CC-Member-Leaving-Time", "110"));
        assertThat(result).isInstanceOfSatisfying(LineResult.Accepted.class,
                a -> assertThat(((ContactFacts) a.value()).sourceKey()).isEqualTo("freeswitch-cc:m9:accueil@default"));
    }
}
