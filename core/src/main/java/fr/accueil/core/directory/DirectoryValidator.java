package fr.accueil.core.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-reference checks that no single record can make on its own: unknown administrations,
 * services and menus, duplicate ids and numbers, overlapping opening slots, and menu options that
 * point to features this build does not offer. Paths follow the YAML document's layout.
 */
public final class DirectoryValidator {
    private final Set<String> knownQueues;

    /** @param knownQueues queue names a {@link MenuAction.Queue} may name; empty while no ACD runs */
    public DirectoryValidator(Set<String> knownQueues) {
        this.knownQueues = Set.copyOf(knownQueues);
    }

    public Directory build(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers) {
        List<DirectoryProblem> problems = validate(administrations, services, numbers);
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryException(problems);
        }
        return new Directory(administrations, services, numbers);
    }

    public List<DirectoryProblem> validate(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers) {
        List<DirectoryProblem> problems = new ArrayList<>();
        Set<AdministrationId> adminIds = new HashSet<>();
        for (int i = 0; i < administrations.size(); i++) {
            if (!adminIds.add(administrations.get(i).id())) {
                problems.add(new DirectoryProblem("administrations[" + i + "].id", "duplicate administration id '" + administrations.get(i).id() + "'"));
            }
        }
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
            checkMenus(service, at, problems);
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
        return problems;
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

    private void checkMenus(Service service, String at, List<DirectoryProblem> problems) {
        if (!service.menus().containsKey(service.rootMenu())) {
            problems.add(new DirectoryProblem(at + ".menu", "root menu '" + service.rootMenu() + "' is not defined"));
        }
        service.menus().forEach((id, menu) -> {
            String menuAt = at + ".menus." + id;
            menu.options().forEach((key, action) -> checkAction(service, action, menuAt + ".options." + key, problems));
            checkAction(service, menu.onFailure(), menuAt + ".on-failure", problems);
        });
    }

    private void checkAction(Service service, MenuAction action, String at, List<DirectoryProblem> problems) {
        switch (action) {
            case MenuAction.GoTo goTo -> {
                if (!service.menus().containsKey(goTo.menu())) {
                    problems.add(new DirectoryProblem(at, "unknown menu '" + goTo.menu() + "' in service '" + service.id() + "'"));
                }
            }
            case MenuAction.Queue queue -> {
                if (!knownQueues.contains(queue.queue())) {
                    problems.add(new DirectoryProblem(at, knownQueues.isEmpty()
                            ? "queue '" + queue.queue() + "': agent queues are not available in this version; point this option to a message or a transfer"
                            : "unknown queue '" + queue.queue() + "'"));
                }
            }
            case MenuAction.Message message -> { }
            case MenuAction.Transfer transfer -> { }
            case MenuAction.HangUp hangUp -> { }
        }
    }
}
