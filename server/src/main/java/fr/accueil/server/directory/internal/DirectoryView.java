package fr.accueil.server.directory.internal;

import fr.accueil.core.directory.Administration;
import fr.accueil.core.directory.Directory;
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.TimeRange;
import fr.accueil.core.directory.WeeklySlot;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shape of {@code GET /api/v1/directory}: administrations → services → numbers, hours, menus;
 * then the queues.
 */
public record DirectoryView(String source, Instant at, List<AdministrationView> administrations, List<QueueView> queues) {

    public static DirectoryView of(String source, Directory directory, Instant now) {
        return new DirectoryView(source, now, directory.administrations().stream()
                .map(a -> AdministrationView.of(a, directory, now)).toList(),
                directory.queues().stream().map(QueueView::of).toList());
    }

    /** A queue as configured; durations in milliseconds, absent values null. */
    public record QueueView(String id, String service, Map<String, Integer> skills, int priority, int maxLength, long maxWaitMs,
                            long preferredAgentWindowMs, long agingStepMs, long ringTimeoutMs, long announceEveryMs, String music,
                            Long callbackAboveMs, String callbackKey, String whenNoAgents, Map<String, String> overflow,
                            long wrapUpMs, long agentLostTimeoutMs, boolean survey) {
        static QueueView of(QueueSetup queue) {
            QueueDefinition d = queue.definition();
            QueueRules r = queue.rules();
            Map<String, Integer> skills = new TreeMap<>();
            d.requiredSkills().minimums().forEach((skill, level) -> skills.put(skill.name(), level.value()));
            Map<String, String> overflow = r.overflow().map(o -> switch (o) {
                case Overflow.ToQueue q -> Map.of("queue", q.queue().value());
                case Overflow.ToNumber n -> Map.of("number", n.number());
                case Overflow.Message m -> Map.of("message", m.prompt().name());
            }).orElse(null);
            return new QueueView(d.id().value(), d.service(), skills, d.priority(), d.maxLength(), d.maxWait().toMillis(),
                    d.preferredAgentWindow().toMillis(), d.agingStep().toMillis(), r.ringTimeout().toMillis(),
                    r.announceEvery().toMillis(), r.music().name(), r.callbackAbove().map(Duration::toMillis).orElse(null),
                    r.callbackKey().map(String::valueOf).orElse(null), slug(r.whenNoAgents().name()), overflow,
                    r.wrapUp().toMillis(), r.agentLostTimeout().toMillis(), r.survey());
        }
    }

    public record AdministrationView(String id, String name, String kind, AddressView address, String email, String website,
                                     List<ServiceView> services) {
        static AdministrationView of(Administration a, Directory directory, Instant now) {
            return new AdministrationView(a.id().value(), a.name(), slug(a.kind().name()),
                    new AddressView(a.address().street(), a.address().postalCode(), a.address().city()), a.email(), a.website(),
                    directory.servicesOf(a.id()).stream().map(s -> ServiceView.of(s, directory, now)).toList());
        }
    }

    public record AddressView(String street, String postalCode, String city) {
    }

    public record ServiceView(String id, String name, String purpose, boolean openNow, String nextOpening, HoursView hours,
                              String welcome, String closedMessage, String rootMenu, Map<String, MenuView> menus,
                              List<NumberView> numbers) {
        static ServiceView of(Service s, Directory directory, Instant now) {
            Map<String, MenuView> menus = new TreeMap<>();
            s.menus().forEach((id, menu) -> menus.put(id.value(), MenuView.of(menu)));
            return new ServiceView(s.id().value(), s.name(), s.purpose(), s.hours().isOpen(now),
                    s.hours().nextOpening(now).map(t -> t.toOffsetDateTime().toString()).orElse(null), HoursView.of(s.hours()),
                    s.welcomePrompt().map(PromptRef::name).orElse(null), s.closedMessage().name(), s.rootMenu().value(), menus,
                    directory.numbersOf(s.id()).stream().map(NumberView::of).toList());
        }
    }

    public record NumberView(String number, String sipUser, boolean shortNumber) {
        static NumberView of(NumberRoute route) {
            return new NumberView(route.number().value(), route.sipUser(), route.number().isShortNumber());
        }
    }

    public record HoursView(String zone, String holidays, Map<String, List<String>> weekly, List<String> closures,
                            Map<String, List<String>> openings) {
        static HoursView of(OpeningHours hours) {
            Map<String, List<String>> weekly = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                List<String> ranges = hours.weekly().stream().filter(s -> s.day() == day).map(WeeklySlot::range)
                        .sorted(Comparator.comparing(TimeRange::from)).map(HoursView::range).toList();
                if (!ranges.isEmpty()) {
                    weekly.put(day.name().toLowerCase(Locale.ROOT), ranges);
                }
            }
            Map<String, List<String>> openings = new TreeMap<>();
            hours.openings().forEach((date, ranges) -> openings.put(date.toString(), ranges.stream()
                    .sorted(Comparator.comparing(TimeRange::from)).map(HoursView::range).toList()));
            return new HoursView(hours.zone().getId(), slug(hours.holidays().name()), weekly,
                    hours.closures().stream().sorted().map(Object::toString).toList(), openings);
        }

        static String range(TimeRange range) {
            return time(range.from()) + "-" + time(range.to());
        }

        private static String time(LocalTime time) {
            return time.equals(LocalTime.MAX) ? "24:00" : String.format("%02d:%02d", time.getHour(), time.getMinute());
        }
    }

    public record MenuView(String prompt, long timeoutMs, int attempts, Map<String, ActionView> options, ActionView onFailure) {
        static MenuView of(Menu menu) {
            Map<String, ActionView> options = new TreeMap<>();
            menu.options().forEach((key, action) -> options.put(String.valueOf(key), ActionView.of(action)));
            return new MenuView(menu.prompt().name(), menu.timeout().toMillis(), menu.maxAttempts(), options, ActionView.of(menu.onFailure()));
        }
    }

    /** {@code action} is one of menu, message, transfer, queue, hang-up; the other fields go with it. */
    public record ActionView(String action, String menu, String message, String then, String transfer, String queue) {
        static ActionView of(MenuAction action) {
            return switch (action) {
                case MenuAction.GoTo goTo -> new ActionView("menu", goTo.menu().value(), null, null, null, null);
                case MenuAction.Message m -> new ActionView("message", null, m.prompt().name(), slug(m.after().name()), null, null);
                case MenuAction.Transfer t -> new ActionView("transfer", null, null, null, t.target().value(), null);
                case MenuAction.Queue q -> new ActionView("queue", null, null, null, null, q.queue());
                case MenuAction.HangUp h -> new ActionView("hang-up", null, null, null, null, null);
            };
        }
    }

    static String slug(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
