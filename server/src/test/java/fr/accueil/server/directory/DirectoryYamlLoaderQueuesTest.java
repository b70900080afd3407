package fr.accueil.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.core.routing.Skill;
import fr.accueil.core.routing.SkillLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code queues:} section and menu options that hand callers to a queue. */
class DirectoryYamlLoaderQueuesTest {
    private static final Set<String> PROMPTS = Set.of("demo/ferme", "demo/menu", "demo/info", "demo/musique", "demo/desole");

    /** Line numbers in the cases below are this text's. */
    private static final String VALID = """
            administrations:
              - id: mairie
                name: Mairie
                kind: local-authority
                address: { street: "1 place de la Mairie", postal-code: "57000", city: "Exempleville" }
                services:
                  - id: etat-civil
                    name: État civil
                    survey: true
                    hours: { weekly: { mon-fri: "08:30-12:00" } }
                    closed-message: demo/ferme
                    menus:
                      main:
                        prompt: demo/menu
                        options:
                          "1": { message: demo/info, then: back }
                          "9": { queue: etat-civil }
                    numbers:
                      - { number: "+33199000200" }
            queues:
              - id: etat-civil
                service: etat-civil
                skills: { etat-civil: 2 }
                priority: 5
                max-length: 50
                max-wait: 10m
                preferred-agent-window: 20s
                aging-step: 30s
                ring-timeout: 15s
                announce-every: 45s
                music: demo/musique
                callback: { above: 3m, key: "9" }
                when-no-agents: offer-callback
                overflow: { queue: accueil-general }
                wrap-up: 10s
                agent-lost-timeout: 1500ms
              - id: accueil-general
                service: etat-civil
                music: demo/musique
                overflow: { number: "01 99 00 02 00" }
            """;

    private final DirectoryYamlLoader loader = new DirectoryYamlLoader(new DirectoryValidator(), p -> PROMPTS.contains(p.name()));

    private static String withLine(int line, String content) {
        List<String> lines = new ArrayList<>(Arrays.asList(VALID.split("\n")));
        lines.set(line - 1, content);
        return String.join("\n", lines) + "\n";
    }

    private Directory loaded(String yaml) {
        DirectoryLoadResult result = loader.load("q.yaml", yaml);
        assertThat(result).as("%s", result).isInstanceOf(DirectoryLoadResult.Loaded.class);
        return ((DirectoryLoadResult.Loaded) result).directory();
    }

    private List<String> problems(String yaml) {
        DirectoryLoadResult result = loader.load("q.yaml", yaml);
        assertThat(result).isInstanceOf(DirectoryLoadResult.Rejected.class);
        return ((DirectoryLoadResult.Rejected) result).problems().stream().map(LocatedProblem::toString).toList();
    }

    @Test
    void every_queue_setting_is_read() {
        Directory directory = loaded(VALID);
        QueueSetup queue = directory.queue(new QueueId("etat-civil")).orElseThrow();
        QueueDefinition d = queue.definition();
        assertThat(d.service()).isEqualTo("etat-civil");
        assertThat(d.requiredSkills().minimums()).isEqualTo(Map.of(new Skill("etat-civil"), SkillLevel.of(2)));
        assertThat(d.priority()).isEqualTo(5);
        assertThat(d.maxLength()).isEqualTo(50);
        assertThat(d.maxWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.preferredAgentWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.agingStep()).isEqualTo(Duration.ofSeconds(30));
        QueueRules r = queue.rules();
        assertThat(r.ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.announceEvery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(r.music()).isEqualTo(PromptRef.of("demo/musique"));
        assertThat(r.callbackAbove()).contains(Duration.ofMinutes(3));
        assertThat(r.callbackKey()).contains('9');
        assertThat(r.whenNoAgents()).isEqualTo(QueueRules.WhenNoAgents.OFFER_CALLBACK);
        assertThat(r.overflow()).contains(new Overflow.ToQueue(new QueueId("accueil-general")));
        assertThat(r.wrapUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.agentLostTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.survey()).as("copied from the service").isTrue();
        assertThat(directory.service(new ServiceId("etat-civil")).orElseThrow().menu(new MenuId("main")).orElseThrow().option('9'))
                .contains(new MenuAction.Queue("etat-civil"));
    }

    @Test
    void unset_settings_take_the_documented_defaults() {
        QueueSetup general = loaded(VALID).queue(new QueueId("accueil-general")).orElseThrow();
        QueueDefinition defaults = QueueDefinition.of(new QueueId("accueil-general"), "etat-civil");
        assertThat(general.definition()).isEqualTo(defaults);
        QueueRules rules = general.rules();
        assertThat(rules.ringTimeout()).isEqualTo(QueueRules.DEFAULT_RING_TIMEOUT);
        assertThat(rules.announceEvery()).isEqualTo(QueueRules.DEFAULT_ANNOUNCE_EVERY);
        assertThat(rules.callbackAbove()).isEmpty();
        assertThat(rules.callbackKey()).isEmpty();
        assertThat(rules.whenNoAgents()).isEqualTo(QueueRules.WhenNoAgents.WAIT);
        assertThat(rules.overflow()).contains(new Overflow.ToNumber("01 99 00 02 00"));
        assertThat(rules.survey()).isTrue();
    }

    @Test
    void star_or_hash_may_ask_for_a_callback() {
        assertThat(loaded(withLine(32, "    callback: { above: 3m, key: \"#\" }")).queue(new QueueId("etat-civil")).orElseThrow()
                .rules().callbackKey()).contains('#');
    }

    @Test
    void a_service_without_survey_gives_its_queues_none() {
        assertThat(loaded(withLine(9, "        # no survey")).queue(new QueueId("etat-civil")).orElseThrow().rules().survey()).isFalse();
    }

    @Test
    void overflow_to_a_message_plays_a_checked_prompt() {
        assertThat(loaded(withLine(40, "    overflow: { message: demo/desole }")).queue(new QueueId("accueil-general")).orElseThrow()
                .rules().overflow()).contains(new Overflow.Message(PromptRef.of("demo/desole")));
        assertThat(problems(withLine(40, "    overflow: { message: demo/absent }"))).containsExactly(
                "q.yaml:40: queues[1].overflow.message: prompt 'demo/absent' not found (no demo/absent.wav in the prompt directories)");
    }

    static List<Arguments> invalidFiles() {
        return List.of(
                Arguments.of("unknown queue in a menu", withLine(17, "              \"9\": { queue: etat-civill }"), List.of(
                        "q.yaml:17: administrations[0].services[0].menus.main.options.9: unknown queue 'etat-civill'")),
                Arguments.of("bad duration", withLine(26, "    max-wait: 10 minutes"), List.of(
                        "q.yaml:26: queues[0].max-wait: bad duration '10 minutes': expected a whole number and a unit, like 1500ms, 20s, 10m or 1h")),
                Arguments.of("zero where a positive duration is needed", withLine(29, "    ring-timeout: 0s"), List.of(
                        "q.yaml:29: queues[0].ring-timeout: must be a positive duration, got 0s")),
                Arguments.of("unknown key", withLine(30, "    announce-evry: 45s"), List.of(
                        "q.yaml:30: queues[0].announce-evry: unknown key 'announce-evry' (expected one of id, service, skills, priority, max-length, "
                                + "max-wait, preferred-agent-window, aging-step, ring-timeout, announce-every, music, callback, when-no-agents, overflow, "
                                + "wrap-up, agent-lost-timeout, survey)")),
                Arguments.of("overflow loop", withLine(40, "    overflow: { queue: etat-civil }"), List.of(
                        "q.yaml:34: queues[0].overflow.queue: overflow loop: etat-civil -> accueil-general -> etat-civil")),
                Arguments.of("overflow to an unknown queue", withLine(34, "    overflow: { queue: nulle-part }"), List.of(
                        "q.yaml:34: queues[0].overflow.queue: unknown queue 'nulle-part'")),
                Arguments.of("overflow to a foreign number", withLine(40, "    overflow: { number: \"+4930123456\" }"), List.of(
                        "q.yaml:40: queues[1].overflow.number: not a French number: '+4930123456' (expected ten digits 0X XX XX XX XX, "
                                + "+33 and nine digits, or an overseas +262/+590/+594/+596… number)")),
                Arguments.of("two overflow targets", withLine(40, "    overflow: { number: \"3939\", message: demo/desole }"), List.of(
                        "q.yaml:40: queues[1].overflow: an overflow goes to exactly one of queue, number or message; got number and message")),
                Arguments.of("unknown service", withLine(22, "    service: urbanisme"), List.of(
                        "q.yaml:22: queues[0].service: unknown service 'urbanisme'")),
                Arguments.of("duplicate queue", withLine(37, "  - id: etat-civil"), List.of(
                        "q.yaml:37: queues[1].id: duplicate queue id 'etat-civil' (already at queues[0])",
                        "q.yaml:34: queues[0].overflow.queue: unknown queue 'accueil-general'")),
                Arguments.of("callback key not a key", withLine(32, "    callback: { above: 3m, key: \"99\" }"), List.of(
                        "q.yaml:32: queues[0].callback.key: a key must be one of 0-9, * or # (quote it: \"9\"), got '99'")),
                Arguments.of("callback never offered", withLine(32, "    callback: { above: 1h, key: \"9\" }"), List.of(
                        "q.yaml:32: queues[0].callback.above: callback offered above PT1H is never offered: the max wait is PT10M")),
                Arguments.of("unknown when-no-agents", withLine(33, "    when-no-agents: hang-up"), List.of(
                        "q.yaml:33: queues[0].when-no-agents: unknown value 'hang-up' (expected wait, overflow or offer-callback)")),
                Arguments.of("skill level out of range", withLine(23, "    skills: { etat-civil: 6 }"), List.of(
                        "q.yaml:23: queues[0].skills.etat-civil: skill level must be in [1, 5], was 6")),
                Arguments.of("priority out of range", withLine(24, "    priority: 2000"), List.of(
                        "q.yaml:24: queues[0].priority: priority must be between -1000 and 1000, got 2000")),
                Arguments.of("missing music prompt", withLine(31, "    music: demo/absente"), List.of(
                        "q.yaml:31: queues[0].music: prompt 'demo/absente' not found (no demo/absente.wav in the prompt directories)")),
                Arguments.of("default music missing", withLine(31, "    # music unset"), List.of(
                        "q.yaml:21: queues[0].music: missing, and the default music 'attente-musique' is not in the prompt directories: "
                                + "name a prompt to play while waiting")),
                Arguments.of("survey on a queue", VALID + "    survey: true\n", List.of(
                        "q.yaml:41: queues[1].survey: the survey is the service's choice: write 'survey: true' on service 'etat-civil'")),
                Arguments.of("survey not a boolean", withLine(9, "        survey: oui"), List.of(
                        "q.yaml:9: administrations[0].services[0].survey: expected true or false, got 'oui'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void an_invalid_queue_is_rejected_with_file_line_path_and_reason(String name, String yaml, List<String> expected) {
        assertThat(problems(yaml)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_queues_section_must_be_a_list() {
        assertThat(problems(VALID.substring(0, VALID.indexOf("queues:")) + "queues: { etat-civil: {} }\n")).contains(
                "q.yaml:20: queues: expected a list, got a mapping");
    }

    @Test
    void the_directory_api_shows_the_queues() {
        var view = fr.accueil.server.directory.internal.DirectoryView.of("q.yaml", loaded(VALID), java.time.Instant.EPOCH);
        assertThat(view.queues()).extracting(q -> q.id()).containsExactly("etat-civil", "accueil-general");
        var first = view.queues().getFirst();
        assertThat(first.skills()).isEqualTo(Map.of("etat-civil", 2));
        assertThat(first.maxWaitMs()).isEqualTo(600_000);
        assertThat(first.callbackAboveMs()).isEqualTo(180_000);
        assertThat(first.callbackKey()).isEqualTo("9");
        assertThat(first.whenNoAgents()).isEqualTo("offer-callback");
        assertThat(first.overflow()).isEqualTo(Map.of("queue", "accueil-general"));
        assertThat(view.queues().get(1).callbackAboveMs()).isNull();
    }

    @Test
    void the_loaded_queue_has_no_survey_unless_a_service_asks() {
        Optional<QueueSetup> queue = loaded(withLine(9, "        survey: false")).queue(new QueueId("accueil-general"));
        assertThat(queue.orElseThrow().rules().survey()).isFalse();
    }
}
