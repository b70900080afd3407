package fr.accueil.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryValidatorQueuesTest {
    private static final Administration MAIRIE = new Administration(new AdministrationId("mairie"), "Mairie",
            AdministrationKind.LOCAL_AUTHORITY, new PostalAddress("1 place de la Mairie", "57000", "Exempleville"), null, null);
    private final DirectoryValidator validator = new DirectoryValidator();

    private static Service service(String id, MenuAction option) {
        Menu main = new Menu(new MenuId("main"), PromptRef.of("menu"), Map.of('9', option), Duration.ofSeconds(5), 3,
                new MenuAction.HangUp());
        return new Service(new ServiceId(id), MAIRIE.id(), id, "", OpeningHours.always(ZoneId.of("Europe/Paris")), null,
                PromptRef.of("ferme"), main.id(), Map.of(main.id(), main));
    }

    private static QueueSetup queue(String id, String service) {
        return new QueueSetup(QueueDefinition.of(new QueueId(id), service), QueueRules.defaults(new QueueId(id)));
    }

    private static QueueSetup queue(String id, String service, UnaryOperator<Rules> change) {
        Rules r = change.apply(new Rules(QueueRules.defaults(new QueueId(id))));
        return new QueueSetup(QueueDefinition.of(new QueueId(id), service), r.rules);
    }

    /** Edits one component of the (long) rules record. */
    private record Rules(QueueRules rules) {
        Rules overflow(Overflow o) {
            return new Rules(new QueueRules(rules.queue(), rules.ringTimeout(), Optional.of(o), rules.announceEvery(), rules.music(),
                    rules.callbackAbove(), rules.callbackKey(), rules.whenNoAgents(), rules.wrapUp(), rules.agentLostTimeout(), rules.survey()));
        }

        Rules callback(Duration above, Character key) {
            return new Rules(new QueueRules(rules.queue(), rules.ringTimeout(), rules.overflow(), rules.announceEvery(), rules.music(),
                    Optional.ofNullable(above), Optional.ofNullable(key), rules.whenNoAgents(), rules.wrapUp(), rules.agentLostTimeout(),
                    rules.survey()));
        }

        Rules whenNoAgents(QueueRules.WhenNoAgents when) {
            return new Rules(new QueueRules(rules.queue(), rules.ringTimeout(), rules.overflow(), rules.announceEvery(), rules.music(),
                    rules.callbackAbove(), rules.callbackKey(), when, rules.wrapUp(), rules.agentLostTimeout(), rules.survey()));
        }

        Rules ringTimeout(Duration ring) {
            return new Rules(new QueueRules(rules.queue(), ring, rules.overflow(), rules.announceEvery(), rules.music(),
                    rules.callbackAbove(), rules.callbackKey(), rules.whenNoAgents(), rules.wrapUp(), rules.agentLostTimeout(), rules.survey()));
        }

        Rules survey(boolean survey) {
            return new Rules(new QueueRules(rules.queue(), rules.ringTimeout(), rules.overflow(), rules.announceEvery(), rules.music(),
                    rules.callbackAbove(), rules.callbackKey(), rules.whenNoAgents(), rules.wrapUp(), rules.agentLostTimeout(), survey));
        }
    }

    private List<String> problems(List<Service> services, List<QueueSetup> queues) {
        return validator.validate(List.of(MAIRIE), services, List.of(), queues).stream().map(DirectoryProblem::toString).toList();
    }

    private List<String> problems(QueueSetup... queues) {
        return problems(List.of(service("etat-civil", new MenuAction.HangUp())), List.of(queues));
    }

    @Test
    void a_menu_option_may_name_a_defined_queue_and_the_directory_finds_it() {
        Service service = service("etat-civil", new MenuAction.Queue("etat-civil"));
        Directory directory = validator.build(List.of(MAIRIE), List.of(service), List.of(), List.of(queue("etat-civil", "etat-civil")));
        assertThat(directory.queues()).extracting(QueueSetup::id).containsExactly(new QueueId("etat-civil"));
        assertThat(directory.queue(new QueueId("etat-civil"))).isPresent();
        assertThat(directory.queue(new QueueId("autre"))).isEmpty();
        assertThat(directory.queuesOf(new ServiceId("etat-civil"))).hasSize(1);
    }

    @Test
    void a_menu_option_naming_an_undefined_queue_is_refused_where_it_is_written() {
        assertThat(problems(List.of(service("etat-civil", new MenuAction.Queue("accueil"))), List.of())).containsExactly(
                "services[0].menus.main.options.9: unknown queue 'accueil' (no queue is defined: add it under queues:)");
        assertThat(problems(List.of(service("etat-civil", new MenuAction.Queue("accueil"))), List.of(queue("etat-civil", "etat-civil"))))
                .containsExactly("services[0].menus.main.options.9: unknown queue 'accueil'");
        assertThatThrownBy(() -> validator.build(List.of(MAIRIE), List.of(service("etat-civil", new MenuAction.Queue("accueil"))),
                List.of(), List.of())).isInstanceOf(InvalidDirectoryException.class);
    }

    @Test
    void duplicate_queue_ids_are_refused_at_the_second() {
        assertThat(problems(queue("etat-civil", "etat-civil"), queue("etat-civil", "etat-civil"))).containsExactly(
                "queues[1].id: duplicate queue id 'etat-civil' (already at queues[0])");
    }

    @Test
    void a_queue_id_must_be_a_slug() {
        assertThat(problems(queue("État civil", "etat-civil"))).containsExactly(
                "queues[0].id: queue id must be 1-64 characters of a-z, 0-9, '-' or '_' (starting with a letter or digit), got 'État civil'");
    }

    @Test
    void a_queue_of_an_unknown_service_is_refused() {
        assertThat(problems(queue("urbanisme", "urbanisme"))).containsExactly("queues[0].service: unknown service 'urbanisme'");
        assertThat(problems(queue("urbanisme", "Urbanisme !"))).containsExactly("queues[0].service: unknown service 'Urbanisme !'");
    }

    @Test
    void overflow_to_an_unknown_queue_is_refused() {
        assertThat(problems(queue("a", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("nulle-part")))))).containsExactly(
                "queues[0].overflow.queue: unknown queue 'nulle-part'");
    }

    @Test
    void an_overflow_chain_that_loops_is_reported_once_at_the_first_queue_written() {
        assertThat(problems(
                queue("a", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("b")))),
                queue("b", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("c")))),
                queue("c", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("a")))),
                queue("d", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("a")))),
                queue("e", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("e"))))))
                .containsExactly("queues[0].overflow.queue: overflow loop: a -> b -> c -> a",
                        "queues[4].overflow.queue: overflow loop: e -> e");
    }

    @Test
    void an_overflow_chain_that_ends_is_accepted() {
        assertThat(problems(
                queue("a", "etat-civil", r -> r.overflow(new Overflow.ToQueue(new QueueId("b")))),
                queue("b", "etat-civil", r -> r.overflow(new Overflow.ToNumber("01 99 00 02 00"))),
                queue("c", "etat-civil", r -> r.overflow(new Overflow.Message(PromptRef.of("desole")))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33123456789", "01 23 45 67 89", "01.23.45.67.89", "0612345678", "+262262123456", "0033123456789"})
    void overflow_to_a_french_number_is_accepted(String number) {
        assertThat(problems(queue("a", "etat-civil", r -> r.overflow(new Overflow.ToNumber(number))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+4930123456", "012345678", "01234567890", "1234567890", "+33012345678", "0033012345678", "tel:0123456789", "15", "3939"})
    void overflow_to_anything_else_is_refused(String number) {
        assertThat(problems(queue("a", "etat-civil", r -> r.overflow(new Overflow.ToNumber(number))))).singleElement()
                .asString().startsWith("queues[0].overflow.number: not a French number: '" + number + "'");
    }

    @Test
    void a_callback_threshold_must_be_positive_and_below_the_max_wait() {
        assertThat(problems(queue("a", "etat-civil", r -> r.callback(Duration.ofMinutes(15), '9')))).containsExactly(
                "queues[0].callback.above: callback offered above PT15M is never offered: the max wait is PT15M");
        assertThat(problems(queue("a", "etat-civil", r -> r.callback(Duration.ZERO, '9')))).containsExactly(
                "queues[0].callback.above: must be a positive duration, got PT0S");
        assertThat(problems(queue("a", "etat-civil", r -> r.callback(Duration.ofMinutes(3), '9')))).isEmpty();
        assertThat(problems(queue("a", "etat-civil", r -> r.callback(Duration.ofMinutes(3), null))))
                .as("the offer then names the runtime's confirm key").isEmpty();
        assertThat(problems(queue("a", "etat-civil", r -> r.whenNoAgents(QueueRules.WhenNoAgents.OFFER_CALLBACK)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(chars = {'0', '9', '*', '#'})
    void any_dtmf_key_may_ask_for_a_callback(char key) {
        assertThat(problems(queue("a", "etat-civil", r -> r.callback(null, key)))).isEmpty();
    }

    @Test
    void the_ring_time_out_must_be_shorter_than_the_max_wait() {
        assertThat(problems(queue("a", "etat-civil", r -> r.ringTimeout(Duration.ofMinutes(15))))).containsExactly(
                "queues[0].ring-timeout: ring time-out PT15M must be shorter than the max wait PT15M");
    }

    @Test
    void the_queues_of_one_service_agree_on_the_survey() {
        assertThat(problems(queue("a", "etat-civil", r -> r.survey(true)), queue("b", "etat-civil", r -> r.survey(false))))
                .containsExactly("queues[1].survey: the queues of service 'etat-civil' disagree on the satisfaction survey; it is the service's choice");
        assertThat(problems(queue("a", "etat-civil", r -> r.survey(true)), queue("b", "etat-civil", r -> r.survey(true)))).isEmpty();
    }

    @Test
    void queues_configured_outside_the_directory_may_be_named_by_menus_when_the_validator_is_told() {
        Service service = service("etat-civil", new MenuAction.Queue("accueil"));
        assertThat(new DirectoryValidator(Set.of("accueil")).validate(List.of(MAIRIE), List.of(service), List.of())).isEmpty();
        assertThat(new DirectoryValidator(Set.of("autre")).validate(List.of(MAIRIE), List.of(service), List.of())).hasSize(1);
    }
}
