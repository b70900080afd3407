package fr.accueil.core.directory;

import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cross-reference checks that no single record can make on its own: unknown administrations,
 * services, menus and queues, duplicate ids and numbers, overlapping opening slots, overflow chains
 * that loop, and queue rules that contradict each other. Paths follow the YAML document's layout
 * ({@code services[2].menus.main.options.3}, {@code queues[1].overflow}).
 */
public final class DirectoryValidator {
    /**
     * Ten national digits (0X XX XX XX XX), or E.164 (also written 00…) for France and overseas. Short
     * numbers (3BCD) are left out: the outbound policy never calls them.
     */
    private static final Pattern FRENCH_NUMBER = Pattern.compile(
            "0[1-9]\\d{8}|(\\+|00)33[1-9]\\d{8}|\\+(262|269|508|590|594|596|681|687|689)\\d{6,9}");
    private final Set<QueueId> externalQueues;

    public DirectoryValidator() {
        this(Set.of());
    }

    /**
     * @param externalQueues queue ids a menu option may name without the directory defining them: for
     *                       tests of the IVR alone, whose queue runtime is configured directly; the server
     *                       passes none, so every queue a menu names is one of the directory's queues
     */
    public DirectoryValidator(Set<String> externalQueues) {
        this.externalQueues = externalQueues.stream().map(QueueId::new).collect(Collectors.toUnmodifiableSet());
    }

    public Directory build(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers) {
        return build(administrations, services, numbers, List.of());
    }

    public Directory build(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers,
                           List<QueueSetup> queues) {
        List<DirectoryProblem> problems = validate(administrations, services, numbers, queues);
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryException(problems);
        }
        return new Directory(administrations, services, numbers, queues);
    }

    public List<DirectoryProblem> validate(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers) {
        return validate(administrations, services, numbers, List.of());
    }

    public List<DirectoryProblem> validate(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers,
                                           List<QueueSetup> queues) {
        List<DirectoryProblem> problems = new ArrayList<>();
        Set<AdministrationId> adminIds = new HashSet<>();
        for (int i = 0; i < administrations.size(); i++) {
            if (!adminIds.add(administrations.get(i).id())) {
                problems.add(new DirectoryProblem("administrations[" + i + "].id", "duplicate administration id '" + administrations.get(i).id() + "'"));
            }
        }
        Set<QueueId> queueIds = queues.stream().map(QueueSetup::id).collect(Collectors.toSet());
        Set<ServiceId> serviceIds = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            String at = "services[" + i + "]";
            if (!serviceIds.add(service.id())) {
                problems.add(new DirectoryProblem(at + ".id", "duplicate service id '" + service.id() + "'"));
            }
            if (!adminIds.contains(service.administration())) {
                problems.add(new DirectoryProblem(at + ".administration", "unknown administration '" + service.administration() + "'"));
            }
            checkHours(service.hours(), at + ".hours", problems);
            checkMenus(service, at, queueIds, problems);
        }
        Map<DialledNumber, Integer> seenNumbers = new HashMap<>();
        Map<String, Integer> seenUsers = new HashMap<>();
        for (int i = 0; i < numbers.size(); i++) {
            NumberRoute route = numbers.get(i);
            String at = "numbers[" + i + "]";
            Integer first = seenNumbers.putIfAbsent(route.number(), i);
            if (first != null) {
                problems.add(new DirectoryProblem(at + ".number", "duplicate number " + route.number() + " (already at numbers[" + first + "])"));
            }
            Integer firstUser = seenUsers.putIfAbsent(route.sipUser(), i);
            if (firstUser != null) {
                problems.add(new DirectoryProblem(at + ".sip-user", "duplicate SIP user '" + route.sipUser() + "' (already at numbers[" + firstUser + "])"));
            }
            if (!serviceIds.contains(route.service())) {
                problems.add(new DirectoryProblem(at + ".service", "unknown service '" + route.service() + "'"));
            }
        }
        checkQueues(queues, serviceIds, problems);
        return problems;
    }

    private static void checkQueues(List<QueueSetup> queues, Set<ServiceId> serviceIds, List<DirectoryProblem> problems) {
        Set<QueueId> queueIds = queues.stream().map(QueueSetup::id).collect(Collectors.toSet());
        Map<QueueId, Integer> seen = new HashMap<>();
        Map<String, Boolean> surveyByService = new HashMap<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueSetup queue = queues.get(i);
            QueueDefinition definition = queue.definition();
            QueueRules rules = queue.rules();
            String at = "queues[" + i + "]";
            try {
                Slugs.requireSlug(queue.id().value(), "queue id");
            } catch (IllegalArgumentException e) {
                problems.add(new DirectoryProblem(at + ".id", e.getMessage()));
            }
            Integer first = seen.putIfAbsent(queue.id(), i);
            if (first != null) {
                problems.add(new DirectoryProblem(at + ".id", "duplicate queue id '" + queue.id() + "' (already at queues[" + first + "])"));
            }
            if (!isServiceOf(definition.service(), serviceIds)) {
                problems.add(new DirectoryProblem(at + ".service", "unknown service '" + definition.service() + "'"));
            }
            Boolean survey = surveyByService.putIfAbsent(definition.service(), rules.survey());
            if (survey != null && survey != rules.survey()) {
                problems.add(new DirectoryProblem(at + ".survey", "the queues of service '" + definition.service()
                        + "' disagree on the satisfaction survey; it is the service's choice"));
            }
            rules.overflow().ifPresent(overflow -> checkOverflow(overflow, at + ".overflow", queueIds, problems));
            if (rules.ringTimeout().compareTo(definition.maxWait()) >= 0) {
                problems.add(new DirectoryProblem(at + ".ring-timeout", "ring time-out " + rules.ringTimeout()
                        + " must be shorter than the max wait " + definition.maxWait()));
            }
            checkCallback(definition, rules, at, problems);
        }
        checkOverflowCycles(queues, problems);
    }

    private static boolean isServiceOf(String service, Set<ServiceId> serviceIds) {
        try {
            return serviceIds.contains(new ServiceId(service));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkOverflow(Overflow overflow, String at, Set<QueueId> queueIds, List<DirectoryProblem> problems) {
        switch (overflow) {
            case Overflow.ToQueue toQueue -> {
                if (!queueIds.contains(toQueue.queue())) {
                    problems.add(new DirectoryProblem(at + ".queue", "unknown queue '" + toQueue.queue() + "'"));
                }
            }
            case Overflow.ToNumber toNumber -> {
                if (!isFrenchNumber(toNumber.number())) {
                    problems.add(new DirectoryProblem(at + ".number", "not a French number: '" + toNumber.number()
                            + "' (expected ten digits 0X XX XX XX XX, +33 and nine digits, or an overseas +262/+590/+594/+596… number)"));
                }
            }
            case Overflow.Message message -> { }
        }
    }

    /** A light syntax check only; the outbound policy decides at call time (premium rate, international). */
    static boolean isFrenchNumber(String number) {
        return FRENCH_NUMBER.matcher(number.replaceAll("[\\s.\\-]", "")).matches();
    }

    /** Each loop of overflow-to-queue links is reported once, at the queue of the loop written first. */
    private static void checkOverflowCycles(List<QueueSetup> queues, List<DirectoryProblem> problems) {
        Map<QueueId, QueueId> next = new HashMap<>();
        Map<QueueId, Integer> index = new HashMap<>();
        for (int i = 0; i < queues.size(); i++) {
            QueueSetup q = queues.get(i);
            index.putIfAbsent(q.id(), i);
            q.rules().overflow().ifPresent(o -> {
                if (o instanceof Overflow.ToQueue toQueue) {
                    next.putIfAbsent(q.id(), toQueue.queue());
                }
            });
        }
        Set<QueueId> reported = new HashSet<>();
        for (QueueSetup start : queues) {
            List<QueueId> chain = new ArrayList<>();
            QueueId current = start.id();
            while (current != null && !chain.contains(current)) {
                chain.add(current);
                current = next.get(current);
            }
            if (current == null || !current.equals(start.id()) || reported.contains(start.id())) {
                continue;
            }
            reported.addAll(chain);
            QueueId firstWritten = chain.stream().min(Comparator.comparing(index::get)).orElseThrow();
            int from = chain.indexOf(firstWritten);
            List<String> loop = new ArrayList<>();
            for (int k = 0; k <= chain.size(); k++) {
                loop.add(chain.get((from + k) % chain.size()).value());
            }
            problems.add(new DirectoryProblem("queues[" + index.get(firstWritten) + "].overflow.queue",
                    "overflow loop: " + String.join(" -> ", loop)));
        }
    }

    private static void checkCallback(QueueDefinition definition, QueueRules rules, String at, List<DirectoryProblem> problems) {
        rules.callbackAbove().ifPresent(above -> {
            if (above.isNegative() || above.isZero()) {
                problems.add(new DirectoryProblem(at + ".callback.above", "must be a positive duration, got " + above));
            } else if (above.compareTo(definition.maxWait()) >= 0) {
                problems.add(new DirectoryProblem(at + ".callback.above", "callback offered above " + above
                        + " is never offered: the max wait is " + definition.maxWait()));
            }
        });
        rules.callbackKey().ifPresent(key -> {
            if (Menu.VALID_KEYS.indexOf(key) < 0) {
                problems.add(new DirectoryProblem(at + ".callback.key", "the callback key must be a DTMF key 0-9, * or #, got '" + key + "'"));
            }
        });
    }

    private static void checkHours(OpeningHours hours, String at, List<DirectoryProblem> problems) {
        List<WeeklySlot> slots = hours.weekly();
        for (int i = 0; i < slots.size(); i++) {
            for (int j = i + 1; j < slots.size(); j++) {
                WeeklySlot a = slots.get(i);
                WeeklySlot b = slots.get(j);
                if (a.day() == b.day() && a.range().overlaps(b.range())) {
                    problems.add(new DirectoryProblem(at + ".weekly[" + j + "]",
                            "slot " + b.day() + " " + b.range() + " overlaps " + a.day() + " " + a.range()));
                }
            }
        }
        hours.openings().forEach((date, ranges) -> {
            for (int i = 0; i < ranges.size(); i++) {
                for (int j = i + 1; j < ranges.size(); j++) {
                    if (ranges.get(i).overlaps(ranges.get(j))) {
                        problems.add(new DirectoryProblem(at + ".openings." + date,
                                "slot " + ranges.get(j) + " overlaps " + ranges.get(i)));
                    }
                }
            }
        });
    }

    private void checkMenus(Service service, String at, Set<QueueId> queues, List<DirectoryProblem> problems) {
        if (!service.menus().containsKey(service.rootMenu())) {
            problems.add(new DirectoryProblem(at + ".menu", "root menu '" + service.rootMenu() + "' is not defined"));
        }
        service.menus().forEach((id, menu) -> {
            String menuAt = at + ".menus." + id;
            menu.options().forEach((key, action) -> checkAction(service, action, menuAt + ".options." + key, queues, problems));
            checkAction(service, menu.onFailure(), menuAt + ".on-failure", queues, problems);
        });
    }

    private void checkAction(Service service, MenuAction action, String at, Set<QueueId> queues, List<DirectoryProblem> problems) {
        switch (action) {
            case MenuAction.GoTo goTo -> {
                if (!service.menus().containsKey(goTo.menu())) {
                    problems.add(new DirectoryProblem(at, "unknown menu '" + goTo.menu() + "' in service '" + service.id() + "'"));
                }
            }
            case MenuAction.Queue queue -> {
                QueueId named = new QueueId(queue.queue());
                if (!queues.contains(named) && !externalQueues.contains(named)) {
                    problems.add(new DirectoryProblem(at, "unknown queue '" + queue.queue() + "'"
                            + (queues.isEmpty() ? " (no queue is defined: add it under queues:)" : "")));
                }
            }
            case MenuAction.Message message -> { }
            case MenuAction.Transfer transfer -> { }
            case MenuAction.HangUp hangUp -> { }
        }
    }
}
