package fr.accueil.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.imports.LineProblem;
import fr.accueil.core.imports.Target;
import fr.accueil.core.imports.TargetMap;
import fr.accueil.core.indicators.Indicators;
import fr.accueil.core.indicators.Query;
import fr.accueil.core.indicators.RuleSet;
import fr.accueil.server.indicators.ImportedFacts;
import fr.accueil.server.indicators.RollupIndicatorQueries;
import fr.accueil.server.indicators.internal.RollupStore;
import fr.accueil.server.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports through the real storage (H2): idempotence, malformed lines, unmapped queues, roll-ups. */
class ContactImporterTest {
    static final RuleSet RULES = RuleSet.defaults("imp-1");
    static final TargetMap QUEUES = new TargetMap(Map.of(
            "caf-accueil", new Target("caf", "accueil", "0140000000"),
            "caf-retraite", new Target("caf", "retraite", "0140000001")));
    static final String QUEUE_LOG = """
            1772438400|NONE|NONE|NONE|QUEUESTART|
            1772438500|1772438499.1|caf-accueil||DID|0140000099
            1772438500|1772438499.1|caf-accueil|NONE|ENTERQUEUE||0600000001|1
            1772438505|1772438504.2|caf-accueil|NONE|ENTERQUEUE||0600000002|2
            1772438520|1772438499.1|caf-accueil|PJSIP/agent2|CONNECT|20|1772438519.5|3
            1772438540|1772438504.2|caf-accueil|NONE|ABANDON|1|2|35
            1772438700|1772438499.1|caf-accueil|PJSIP/agent2|COMPLETECALLER|20|180|1
            1772438800|1772438799.3|caf-retraite|NONE|ENTERQUEUE||0600000003|1
            1772438830|1772438799.3|caf-retraite|PJSIP/agent3|CONNECT|90|1772438829.7|2
            1772438900|1772438799.3|caf-retraite|PJSIP/agent3|COMPLETEAGENT|90|70|1
            17724389X0|1772438899.9|caf-retraite|NONE|ENTERQUEUE||0600000009|1
            1772439000|1772438999.4|inconnue|NONE|ENTERQUEUE||0600000004|1
            1772439300|1772438999.4|inconnue|NONE|EXITWITHTIMEOUT|1|1|300
            1772439301|1772439301.5|caf-accueil
            """;

    @TempDir
    Path dir;
    HikariDataSource db;
    RollupStore store;
    ContactImporter importer;

    @BeforeEach
    void start() {
        db = TestDatabases.h2(dir);
        store = new RollupStore(db, ZoneId.of("Europe/Paris"));
        Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneId.of("UTC"));
        importer = new ContactImporter(new ImportedFacts(store, RULES, clock), Directory::empty, ZoneId.of("Europe/Paris"), 2, clock);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    ImportReport run(ImportFormat format, String text, TargetMap map) {
        return importer.run(format, new BufferedReader(new StringReader(text)), map);
    }

    Indicators total() {
        return new RollupIndicatorQueries(store, RULES).compute(Query.overall(Set.of())).values().iterator().next();
    }

    @Test
    void a_queue_log_imports_its_calls_reports_bad_lines_and_a_second_import_adds_nothing() {
        ImportReport first = run(ImportFormat.QUEUE_LOG, QUEUE_LOG, QUEUES);
        assertThat(first.lines()).isEqualTo(14);
        assertThat(first.records()).isEqualTo(3);
        assertThat(first.added()).isEqualTo(3);
        assertThat(first.duplicates()).isZero();
        assertThat(first.problems()).containsExactly(
                new LineProblem(11, "bad epoch '17724389X0'"),
                new LineProblem(13, "queue 'inconnue' has no mapping (call 1772438999.4 entered it on line 12)"),
                new LineProblem(14, "truncated line: expected at least 5 fields (epoch|uniqueid|queue|agent|EVENT), got 3"));
        assertThat(first.text()).contains("line 13: queue 'inconnue' has no mapping")
                .contains("Import queue-log: 14 line(s) read, 3 record(s) found, 3 added, 0 duplicate(s) skipped");

        Indicators after = total();
        assertThat(after.pickupRate().numerator()).isEqualTo(2);
        assertThat(after.pickupRate().denominator()).isEqualTo(3);
        assertThat(after.serviceLevel().numerator()).as("20 s within 60 s, 90 s not").isEqualTo(1);
        assertThat(after.averageHandlingTime().sumMillis()).isEqualTo(250_000);
        assertThat(store.sealedThrough(RULES.version())).as("the import sealed the past days").contains(LocalDate.of(2026, 3, 31));
        assertThat(store.allDays(RULES.version())).as("its calls of 2 March: one day row per service and number")
                .extracting(RollupStore.DayRollup::day).containsOnly(LocalDate.of(2026, 3, 2)).hasSize(3);

        ImportReport second = run(ImportFormat.QUEUE_LOG, QUEUE_LOG, QUEUES);
        assertThat(second.records()).isEqualTo(3);
        assertThat(second.added()).isZero();
        assertThat(second.duplicates()).isEqualTo(3);
        assertThat(total()).isEqualTo(after);
        assertThat(store.count(RULES.version())).as("one row per bucket, service and number (the DID differs)").isEqualTo(3);
    }

    @Test
    void a_generic_csv_imports_valid_lines_and_reports_the_others() {
        String csv = """
                id,received_at,administration,service,number,channel,in_hours,outcome,wait_seconds,handling_seconds,callback,satisfaction
                a1,2026-03-02T09:00:00+01:00,mairie-lyon,etat-civil,0472000000,phone,true,answered,12.5,240,,5
                a2,2026-03-02T09:01:00+01:00,mairie-lyon,etat-civil,0472000000,phone,true,unanswered,300,,reached,
                a3,2026-03-02T20:00:00+01:00,mairie-lyon,etat-civil,0472000000,phone,false,closed,,,,
                a4,hier,mairie-lyon,etat-civil,0472000000,phone,true,answered,1,,,
                a1,2026-03-02T09:00:00+01:00,mairie-lyon,etat-civil,0472000000,phone,true,answered,12.5,240,,5
                """;
        ImportReport report = run(ImportFormat.CSV, csv, null);
        assertThat(report.records()).isEqualTo(4);
        assertThat(report.added()).as("a1 twice in the file counts once").isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.problems()).extracting(LineProblem::lineNumber).containsExactly(5L);
        Indicators t = total();
        assertThat(t.pickupRate().numerator()).as("answered, and a callback that reached the citizen").isEqualTo(2);
        assertThat(t.closedHoursCalls().numerator()).isEqualTo(1);
        assertThat(t.satisfaction().denominator()).isEqualTo(1);
    }

    @Test
    void an_asterisk_cdr_imports_mapped_destinations_only() {
        String cdr = """
                "","0600000001","3939","from-pstn","","PJSIP/trunk-00000001","PJSIP/agent1-00000002","Queue","caf","2026-03-02 09:00:00","2026-03-02 09:00:25","2026-03-02 09:03:25",205,180,"ANSWERED","DOCUMENTATION","1772438400.1",""
                "","0600000002","3939","from-pstn","","PJSIP/trunk-00000003","","Queue","caf","2026-03-02 09:01:00",,"2026-03-02 09:01:40",40,0,"NO ANSWER","DOCUMENTATION"
                "","101","102","interne","","PJSIP/101-00000006","PJSIP/102-00000007","Dial","PJSIP/102","2026-03-02 09:03:00","2026-03-02 09:03:02","2026-03-02 09:04:00",60,58,"ANSWERED","DOCUMENTATION"
                "","0600000009","3939","from-pstn"
                """;
        ImportReport report = run(ImportFormat.CDR, cdr, new TargetMap(Map.of("3939", new Target("caf", "accueil", "0140000000"))));
        assertThat(report.added()).isEqualTo(2);
        assertThat(report.ignored()).as("the internal call").isEqualTo(1);
        assertThat(report.problemCount()).isEqualTo(1);
        assertThat(report.problems().getFirst().lineNumber()).isEqualTo(4);
        assertThat(total().queueAbandons().numerator()).isEqualTo(1);
    }

    @Test
    void a_freeswitch_event_log_imports_member_queue_ends() {
        String events = """
                {"Event-Subclass":"callcenter::info","CC-Action":"member-queue-start","CC-Queue":"accueil@default","CC-Member-UUID":"m-1"}
                {"Event-Subclass":"callcenter::info","CC-Action":"member-queue-end","CC-Queue":"accueil@default","CC-Member-UUID":"m-1","CC-Member-Session-UUID":"s-1","CC-Cause":"Terminated","CC-Member-Joined-Time":"1772438400","CC-Agent-Answered-Time":"1772438430","CC-Member-Leaving-Time":"1772438600"}
                {not json
                """;
        ImportReport report = run(ImportFormat.FREESWITCH, events,
                new TargetMap(Map.of("accueil@default", new Target("caf", "accueil", "0140000000"))));
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.problems()).extracting(LineProblem::lineNumber).containsExactly(3L);
        assertThat(total().averageSpeedOfAnswer().sumMillis()).isEqualTo(30_000);
    }

    @Test
    void formats_that_need_a_map_refuse_to_run_without_one() {
        assertThatThrownBy(() -> run(ImportFormat.QUEUE_LOG, QUEUE_LOG, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a map");
    }
}
