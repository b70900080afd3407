package fr.accueil.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.HolidayRegime;
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.directory.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectoryYamlLoaderTest {
    private static final Set<String> PROMPTS = Set.of("demo/ferme", "demo/menu", "demo/info", "demo/accueil", "demo/sous-menu");

    /** A valid file; the invalid cases change one line (line numbers below are this text's). */
    private static final String VALID = """
            administrations:
              - id: caf
                name: CAF de Démoville
                kind: social-security
                address: { street: "1 rue A", postal-code: "01000", city: "Démoville" }
                services:
                  - id: svc
                    name: Service
                    hours:
                      zone: Europe/Paris
                      holidays: france
                      weekly:
                        mon-fri: ["08:30-12:00", "13:30-16:30"]
                    closed-message: demo/ferme
                    menus:
                      main:
                        prompt: demo/menu
                        options:
                          "1": { message: demo/info, then: back }
                          "0": { transfer: "+33199000200" }
                    numbers:
                      - { number: "+33199000100", sip-user: "0199000100" }
            """;

    private final DirectoryYamlLoader loader = new DirectoryYamlLoader(new DirectoryValidator(Set.of()),
            prompt -> PROMPTS.contains(prompt.name()));

    private static String withLine(int line, String content) {
        List<String> lines = new ArrayList<>(Arrays.asList(VALID.split("\n")));
        lines.set(line - 1, content);
        return String.join("\n", lines) + "\n";
    }

    private List<String> problems(String yaml) {
        DirectoryLoadResult result = loader.load("test.yaml", yaml);
        assertThat(result).isInstanceOf(DirectoryLoadResult.Rejected.class);
        return ((DirectoryLoadResult.Rejected) result).problems().stream().map(LocatedProblem::toString).toList();
    }

    private Directory loaded(String yaml) {
        DirectoryLoadResult result = loader.load("test.yaml", yaml);
        assertThat(result).as("%s", result).isInstanceOf(DirectoryLoadResult.Loaded.class);
        return ((DirectoryLoadResult.Loaded) result).directory();
    }

    @Test
    void a_valid_file_becomes_the_directory_with_defaults_applied() {
        Directory directory = loaded(VALID);
        Service service = directory.service(new ServiceId("svc")).orElseThrow();
        assertThat(service.name()).isEqualTo("Service");
        assertThat(service.welcomePrompt()).isEmpty();
        assertThat(service.hours().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(service.hours().holidays()).isEqualTo(HolidayRegime.FRANCE);
        assertThat(service.hours().rangesOn(LocalDate.of(2026, 11, 27))) // a Friday
                .containsExactly(new TimeRange(LocalTime.of(8, 30), LocalTime.of(12, 0)), new TimeRange(LocalTime.of(13, 30), LocalTime.of(16, 30)));
        assertThat(service.hours().rangesOn(LocalDate.of(2026, 11, 28))).isEmpty();
        assertThat(service.rootMenu()).isEqualTo(new MenuId("main"));
        Menu main = service.menu(new MenuId("main")).orElseThrow();
        assertThat(main.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(main.maxAttempts()).isEqualTo(3);
        assertThat(main.onFailure()).isEqualTo(new MenuAction.HangUp());
        assertThat(main.option('1')).contains(new MenuAction.Message(PromptRef.of("demo/info"), MenuAction.AfterMessage.BACK));
        assertThat(main.option('0').orElseThrow()).isInstanceOf(MenuAction.Transfer.class);
        assertThat(directory.routeForSipUser("0199000100").orElseThrow().service()).isEqualTo(new ServiceId("svc"));
    }

    @Test
    void hours_accept_closures_exceptional_openings_day_lists_and_24_00() {
        Directory directory = loaded(VALID.replace("""
                            mon-fri: ["08:30-12:00", "13:30-16:30"]
                """, """
                            mon,wed: "09:00-10:00"
                            sat-sun: ["00:00-24:00"]
                          closed: ["2026-12-24", "2026-12-28..2026-12-30"]
                          open: { "2026-12-25": ["10:00-11:00"] }
                """));
        var hours = directory.service(new ServiceId("svc")).orElseThrow().hours();
        assertThat(hours.weekly()).extracting(s -> s.day()).containsExactlyInAnyOrder(
                DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(hours.rangesOn(LocalDate.of(2026, 11, 28))).containsExactly(new TimeRange(LocalTime.MIN, LocalTime.MAX));
        assertThat(hours.closures()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 28),
                LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 30));
        assertThat(hours.rangesOn(LocalDate.of(2026, 12, 25))).as("an opening beats the holiday")
                .containsExactly(new TimeRange(LocalTime.of(10, 0), LocalTime.of(11, 0)));
    }

    static List<Arguments> invalidFiles() {
        String svc = "administrations[0].services[0]";
        return List.of(
                Arguments.of("unknown key", withLine(8, "        nmae: Service"), List.of(
                        "test.yaml:7: " + svc + ".name: missing (required)",
                        "test.yaml:8: " + svc + ".nmae: unknown key 'nmae' (expected one of id, name, purpose, hours, welcome, closed-message, menu, menus, numbers, survey)")),
                Arguments.of("wrong type", withLine(20, "              \"0\": [ \"+33199000200\" ]"), List.of(
                        "test.yaml:20: " + svc + ".menus.main.options.0: expected a mapping (key: value), got a list")),
                Arguments.of("mapping for a time range", withLine(13, "            mon-fri: { from: \"08:30\" }"), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri: expected a text value, got a mapping")),
                Arguments.of("malformed number", withLine(22, "          - { number: \"+33 1 99\", sip-user: \"x\" }"), List.of(
                        "test.yaml:22: " + svc + ".numbers[0].number: not an E.164 number (+33…) nor a 4-digit 3BCD number (3xxx): '+33199'")),
                Arguments.of("range ending before it starts", withLine(13, "            mon-fri: [\"12:00-08:30\"]"), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[0]: bad time range '12:00-08:30': must end after it starts")),
                Arguments.of("malformed range", withLine(13, "            mon-fri: [\"08:30-12:00\", \"8h30-12h\"]"), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: bad time range '8h30-12h': expected HH:MM-HH:MM, e.g. 08:30-12:00")),
                Arguments.of("hour out of range", withLine(13, "            mon-fri: \"08:30-25:00\""), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri: bad time range '08:30-25:00': 25:00 is not a time of day (00:00-23:59, or 24:00 as an end)")),
                Arguments.of("unknown day", withLine(13, "            mon-fry: [\"08:30-12:00\"]"), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fry: unknown day 'mon-fry' (expected mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed or every-day)")),
                Arguments.of("unknown zone", withLine(10, "          zone: Europe/Demoville"), List.of(
                        "test.yaml:10: " + svc + ".hours.zone: unknown time zone 'Europe/Demoville' (expected a tz name like Europe/Paris or Indian/Reunion)")),
                Arguments.of("overlapping slots", withLine(13, "            mon-fri: [\"08:30-12:00\", \"11:30-16:30\"]"), List.of(
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: slot MONDAY 11:30-16:30 overlaps MONDAY 08:30-12:00",
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: slot TUESDAY 11:30-16:30 overlaps TUESDAY 08:30-12:00",
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: slot WEDNESDAY 11:30-16:30 overlaps WEDNESDAY 08:30-12:00",
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: slot THURSDAY 11:30-16:30 overlaps THURSDAY 08:30-12:00",
                        "test.yaml:13: " + svc + ".hours.weekly.mon-fri[1]: slot FRIDAY 11:30-16:30 overlaps FRIDAY 08:30-12:00")),
                Arguments.of("unknown menu", withLine(19, "              \"1\": { menu: nowhere }"), List.of(
                        "test.yaml:19: " + svc + ".menus.main.options.1: unknown menu 'nowhere' in service 'svc'")),
                Arguments.of("unknown root menu", withLine(16, "          principal:"), List.of(
                        "test.yaml:7: " + svc + ".menu: root menu 'main' is not defined")),
                Arguments.of("missing prompt", withLine(19, "              \"1\": { message: demo/absent, then: back }"), List.of(
                        "test.yaml:19: " + svc + ".menus.main.options.1.message: prompt 'demo/absent' not found (no demo/absent.wav in the prompt directories)")),
                Arguments.of("queue option naming no queue", withLine(19, "              \"1\": { queue: accueil }"), List.of(
                        "test.yaml:19: " + svc + ".menus.main.options.1: unknown queue 'accueil' (no queue is defined: add it under queues:)")),
                Arguments.of("two actions in one option", withLine(19, "              \"1\": { message: demo/info, transfer: \"3999\" }"), List.of(
                        "test.yaml:19: " + svc + ".menus.main.options.1: an option does exactly one of menu, message, transfer, queue or hang-up; got message and transfer")),
                Arguments.of("bad menu key", withLine(19, "              \"12\": { message: demo/info }"), List.of(
                        "test.yaml:19: " + svc + ".menus.main.options.12: menu key must be one of 0-9, * or # (quote it: \"*\"), got '12'")),
                Arguments.of("unknown kind", withLine(4, "    kind: ministry"), List.of(
                        "test.yaml:4: administrations[0].kind: unknown kind 'ministry' (expected state, social-security or local-authority)")),
                Arguments.of("bad postal code", withLine(5, "    address: { street: \"1 rue A\", postal-code: \"1000\", city: \"Démoville\" }"), List.of(
                        "test.yaml:5: administrations[0].address.postal-code: postal code must be 5 digits, got '1000'")),
                Arguments.of("bad service id", withLine(7, "      - id: Mon Service"), List.of(
                        "test.yaml:7: " + svc + ".id: service id must be 1-64 characters of a-z, 0-9, '-' or '_' (starting with a letter or digit), got 'Mon Service'")),
                Arguments.of("not YAML", withLine(13, "            mon-fri: [\"08:30-12:00\""), List.of(
                        "test.yaml:14: not valid YAML: while parsing a flow sequence, expected ',' or ']', but got <scalar>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void an_invalid_file_is_rejected_with_file_line_path_and_reason(String name, String yaml, List<String> expected) {
        assertThat(problems(yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void duplicate_numbers_across_services_are_reported_where_the_second_is_written() {
        String yaml = VALID + String.join("\n",
                "      - id: svc2",
                "        name: Autre service",
                "        hours: { weekly: { sat: \"09:00-12:00\" } }",
                "        closed-message: demo/ferme",
                "        menus: { main: { prompt: demo/menu, options: { \"1\": { hang-up: true } } } }",
                "        numbers:",
                "          - { number: \"01 99 00 01 00\", sip-user: \"0199000100\" }") + "\n";
        assertThat(problems(yaml)).containsExactly(
                "test.yaml:29: administrations[0].services[1].numbers[0].number: duplicate number +33199000100 (already at numbers[0])",
                "test.yaml:29: administrations[0].services[1].numbers[0].sip-user: duplicate SIP user '0199000100' (already at numbers[0])");
    }

    @Test
    void every_problem_of_a_file_is_reported_not_just_the_first() {
        String yaml = VALID.replace("kind: social-security", "kind: ministry")
                .replace("holidays: france", "holidays: germany")
                .replace("\"0\": { transfer: \"+33199000200\" }", "\"0\": { transfer: \"+33 1\" }")
                .replace("prompt: demo/menu", "prompt: demo/missing\n            colour: blue");
        assertThat(problems(yaml)).containsExactly(
                "test.yaml:4: administrations[0].kind: unknown kind 'ministry' (expected state, social-security or local-authority)",
                "test.yaml:11: administrations[0].services[0].hours.holidays: unknown holidays regime 'germany' (expected france, alsace-moselle or none)",
                "test.yaml:17: administrations[0].services[0].menus.main.prompt: prompt 'demo/missing' not found (no demo/missing.wav in the prompt directories)",
                "test.yaml:18: administrations[0].services[0].menus.main.colour: unknown key 'colour' (expected one of prompt, timeout, attempts, options, on-failure)",
                "test.yaml:21: administrations[0].services[0].menus.main.options.0.transfer: not an E.164 number (+33…) nor a 4-digit 3BCD number (3xxx): '+331'");
    }

    @Test
    void an_empty_file_is_rejected() {
        assertThat(problems("# nothing\n")).containsExactly("test.yaml:1: the file is empty; expected 'administrations:'");
    }

    @Test
    void a_duplicate_key_is_reported_with_the_line_of_the_first() {
        assertThat(problems(withLine(8, "        id: svc"))).containsExactly(
                "test.yaml:7: administrations[0].services[0].name: missing (required)",
                "test.yaml:8: administrations[0].services[0].id: duplicate key 'id' (first at line 7)");
    }

    /** The names the prompt generator produces (prompts/fr); the demo must name exactly these. */
    static final Set<String> DEMO_PROMPTS = Set.of(
            "demo/caf/accueil", "demo/caf/ferme", "demo/caf/menu", "demo/caf/logement-menu", "demo/caf/logement-droits",
            "demo/caf/logement-pieces", "demo/caf/prime-activite", "demo/caf/horaires",
            "demo/mairie/accueil", "demo/mairie/ferme", "demo/mairie/menu", "demo/mairie/titres", "demo/mairie/actes",
            "demo/mairie/attente", "demo/mairie/debordement",
            "demo/essai/accueil", "demo/essai/ferme", "demo/essai/menu", "demo/essai/info", "demo/essai/sous-menu", "demo/essai/sous-info");

    @Test
    void the_demo_directory_is_valid_and_names_only_the_generated_prompts() {
        Predicate<PromptRef> generated = prompt -> DEMO_PROMPTS.contains(prompt.name());
        var source = new DirectorySource.Classpath("demo/directory.yaml");
        DirectoryLoadResult result = new DirectoryYamlLoader(new DirectoryValidator(Set.of()), generated).load(source.name(), source.read());
        assertThat(result).as("%s", result).isInstanceOf(DirectoryLoadResult.Loaded.class);
        Directory demo = ((DirectoryLoadResult.Loaded) result).directory();

        assertThat(demo.routeForSipUser("0199000100").orElseThrow().service().value()).isEqualTo("caf-prestations");
        assertThat(demo.routeForSipUser("0199000200").orElseThrow().service().value()).isEqualTo("etat-civil");
        assertThat(demo.routeForSipUser("demo").orElseThrow().number().value()).isEqualTo("+33199000999");
        assertThat(demo.routeForSipUser("3999").orElseThrow().number().isShortNumber()).isTrue();
        Service essai = demo.service(new ServiceId("essai")).orElseThrow();
        assertThat(essai.hours().isOpen(java.time.Instant.parse("2026-12-25T23:59:00Z"))).as("open every day, holidays none").isTrue();
        assertThat(essai.menu(new MenuId("sous-menu")).orElseThrow().option('*')).contains(new MenuAction.GoTo(new MenuId("main")));
        assertThat(demo.service(new ServiceId("etat-civil")).orElseThrow().hours().holidays()).isEqualTo(HolidayRegime.ALSACE_MOSELLE);
        assertThat(demo.service(new ServiceId("etat-civil")).orElseThrow().menu(new MenuId("main")).orElseThrow().option('9'))
                .as("'pour parler à un conseiller, tapez 9'").contains(new MenuAction.Queue("etat-civil"));
        var queue = demo.queue(new fr.accueil.core.routing.QueueId("etat-civil")).orElseThrow();
        var demoAgents = fr.accueil.server.agents.AgentDirectory.demoAccounts();
        assertThat(demoAgents).as("both demo agents serve the queue's service with the required skill").allSatisfy(agent -> {
            assertThat(agent.services()).contains(queue.definition().service());
            queue.definition().requiredSkills().minimums().forEach((skill, level) ->
                    assertThat(agent.skills().get(skill.name())).isGreaterThanOrEqualTo(level.value()));
        });
        Menu caf = demo.service(new ServiceId("caf-prestations")).orElseThrow().menu(new MenuId("main")).orElseThrow();
        assertThat(caf.option('1')).contains(new MenuAction.GoTo(new MenuId("logement")));
        assertThat(caf.option('2')).contains(new MenuAction.Message(PromptRef.of("demo/caf/prime-activite"), MenuAction.AfterMessage.HANG_UP));
        assertThat(demo.service(new ServiceId("accueil-reunion")).orElseThrow().hours().zone()).isEqualTo(ZoneId.of("Indian/Reunion"));
    }
}
