package fr.accueil.server.directory;

import fr.accueil.core.directory.Administration;
import fr.accueil.core.directory.AdministrationId;
import fr.accueil.core.directory.AdministrationKind;
import fr.accueil.core.directory.DialledNumber;
import fr.accueil.core.directory.DirectoryProblem;
import fr.accueil.core.directory.DirectoryValidator;
import fr.accueil.core.directory.HolidayRegime;
import fr.accueil.core.directory.Menu;
import fr.accueil.core.directory.MenuAction;
import fr.accueil.core.directory.MenuId;
import fr.accueil.core.directory.NumberRoute;
import fr.accueil.core.directory.OpeningHours;
import fr.accueil.core.directory.PostalAddress;
import fr.accueil.core.directory.PromptRef;
import fr.accueil.core.directory.Service;
import fr.accueil.core.directory.ServiceId;
import fr.accueil.core.directory.TimeRange;
import fr.accueil.core.directory.WeeklySlot;
import fr.accueil.core.routing.Overflow;
import fr.accueil.core.routing.QueueDefinition;
import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueRules;
import fr.accueil.core.routing.QueueSetup;
import fr.accueil.core.routing.Skill;
import fr.accueil.core.routing.SkillLevel;
import fr.accueil.core.routing.SkillRequirements;
import fr.accueil.server.directory.internal.YamlFields;
import fr.accueil.server.directory.internal.YamlProblems;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one directory YAML file (format in docs/configuration.md) into core records and validates
 * it with {@link DirectoryValidator}. Uses SnakeYAML's node API rather than object binding so that
 * every problem, including the cross-reference ones the validator finds on the flattened records,
 * is reported with the file, line and YAML path where it is written. All problems are collected;
 * a value that cannot be read is replaced by a placeholder so the rest of the file is still checked.
 *
 * <p>Stateless and thread-safe: every {@link #load} call keeps its state in a {@link Parse}.
 */
public final class DirectoryYamlLoader {
    private static final Set<String> ROOT_KEYS = keys("administrations", "queues");
    private static final Set<String> ADMINISTRATION_KEYS = keys("id", "name", "kind", "address", "email", "website", "services");
    private static final Set<String> ADDRESS_KEYS = keys("street", "postal-code", "city");
    private static final Set<String> SERVICE_KEYS = keys("id", "name", "purpose", "hours", "welcome", "closed-message", "menu", "menus", "numbers", "survey");
    private static final Set<String> HOURS_KEYS = keys("zone", "holidays", "weekly", "closed", "open");
    private static final Set<String> MENU_KEYS = keys("prompt", "timeout", "attempts", "options", "on-failure");
    private static final Set<String> ACTION_KEYS = keys("menu", "message", "then", "transfer", "queue", "hang-up");
    private static final Set<String> NUMBER_KEYS = keys("number", "sip-user");
    private static final Set<String> QUEUE_KEYS = keys("id", "service", "skills", "priority", "max-length", "max-wait",
            "preferred-agent-window", "aging-step", "ring-timeout", "announce-every", "music", "callback", "when-no-agents",
            "overflow", "wrap-up", "agent-lost-timeout", "survey");
    private static final Set<String> CALLBACK_KEYS = keys("above", "key");
    private static final Set<String> OVERFLOW_KEYS = keys("queue", "number", "message");
    private static final Pattern LONG_DURATION = Pattern.compile("(\\d{1,6})\\s*(ms|s|m|h)");
    private static final Pattern TIME_RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(ms|s)");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_ATTEMPTS = 3;

    private final DirectoryValidator validator;
    private final Predicate<PromptRef> promptExists;

    /**
     * @param promptExists whether a prompt can be played (the telephony prompt library plugs in
     *                     here); a directory naming a missing prompt is rejected
     */
    public DirectoryYamlLoader(DirectoryValidator validator, Predicate<PromptRef> promptExists) {
        this.validator = validator;
        this.promptExists = promptExists;
    }

    /** @param file the name used in problems (a path or {@code classpath:demo/directory.yaml}) */
    public DirectoryLoadResult load(String file, String text) {
        return new Parse(file).run(text);
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    /** Where a core record path ({@code services[2].menus.main}) was written in the file. */
    private record Origin(Node node, String yamlPath) {
    }

    /** One load: the problems found so far and where each core record came from. */
    private final class Parse {
        private final YamlProblems problems;
        private final List<Administration> administrations = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final List<NumberRoute> numbers = new ArrayList<>();
        private final List<QueueSetup> queues = new ArrayList<>();
        private final Map<ServiceId, Boolean> surveys = new HashMap<>();
        private final Map<String, Origin> origins = new HashMap<>();
        private int placeholders;

        Parse(String file) {
            this.problems = new YamlProblems(file);
        }

        DirectoryLoadResult run(String text) {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowRecursiveKeys(false);
                options.setMaxAliasesForCollections(50);
                root = new Yaml(options).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                problems.add(mark == null ? 1 : mark.getLine() + 1, "",
                        "not valid YAML: " + (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem());
                return new DirectoryLoadResult.Rejected(problems.sorted());
            } catch (YAMLException e) {
                problems.add(1, "", "not valid YAML: " + e.getMessage());
                return new DirectoryLoadResult.Rejected(problems.sorted());
            }
            if (root == null) {
                problems.add(1, "", "the file is empty; expected 'administrations:'");
                return new DirectoryLoadResult.Rejected(problems.sorted());
            }
            YamlFields.of(root, "", ROOT_KEYS, problems).ifPresent(fields -> {
                fields.required("administrations").flatMap(n -> YamlFields.sequence(n, "administrations", problems))
                        .ifPresent(list -> {
                            for (int i = 0; i < list.getValue().size(); i++) {
                                administration(list.getValue().get(i), "administrations[" + i + "]");
                            }
                        });
                // After the services: a queue takes its survey flag from its service.
                fields.get("queues").flatMap(n -> YamlFields.sequence(n, "queues", problems)).ifPresent(list -> {
                    for (int i = 0; i < list.getValue().size(); i++) {
                        queue(list.getValue().get(i), "queues[" + i + "]");
                    }
                });
            });
            for (DirectoryProblem problem : validator.validate(administrations, services, numbers, queues)) {
                Origin origin = originOf(problem.path());
                problems.add(origin.node(), origin.yamlPath(), problem.reason());
            }
            if (!problems.isEmpty()) {
                return new DirectoryLoadResult.Rejected(problems.sorted());
            }
            return new DirectoryLoadResult.Loaded(validator.build(administrations, services, numbers, queues));
        }

        /** The longest registered prefix of a validator path, so every problem gets a line. */
        private Origin originOf(String corePath) {
            String path = corePath;
            while (true) {
                Origin origin = origins.get(path);
                if (origin != null) {
                    return origin;
                }
                int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
                if (cut <= 0) {
                    return new Origin(null, corePath);
                }
                path = path.substring(0, cut);
            }
        }

        private void origin(String corePath, Node node, String yamlPath) {
            origins.put(corePath, new Origin(node, yamlPath));
        }

        private <T> Optional<T> convert(Node node, String path, String text, Function<String, T> conversion) {
            try {
                return Optional.of(conversion.apply(text));
            } catch (IllegalArgumentException | DateTimeException e) {
                problems.add(node, path, e.getMessage());
                return Optional.empty();
            }
        }

        private String placeholder() {
            return "invalid-" + (++placeholders);
        }

        private void administration(Node node, String path) {
            int index = administrations.size();
            Optional<YamlFields> read = YamlFields.of(node, path, ADMINISTRATION_KEYS, problems);
            if (read.isEmpty()) {
                return;
            }
            YamlFields f = read.get();
            origin("administrations[" + index + "]", node, path);
            AdministrationId id = f.requiredText("id")
                    .flatMap(text -> convert(f.get("id").orElseThrow(), f.path("id"), text, AdministrationId::new))
                    .orElseGet(() -> new AdministrationId(placeholder()));
            f.get("id").ifPresent(n -> origin("administrations[" + index + "].id", n, f.path("id")));
            String name = f.requiredText("name").orElse("?");
            AdministrationKind kind = f.requiredText("kind").flatMap(text -> switch (text) {
                case "state" -> Optional.of(AdministrationKind.STATE);
                case "social-security" -> Optional.of(AdministrationKind.SOCIAL_SECURITY);
                case "local-authority" -> Optional.of(AdministrationKind.LOCAL_AUTHORITY);
                default -> {
                    problems.add(f.get("kind").orElseThrow(), f.path("kind"),
                            "unknown kind '" + text + "' (expected state, social-security or local-authority)");
                    yield Optional.empty();
                }
            }).orElse(AdministrationKind.STATE);
            PostalAddress address = f.required("address").flatMap(n -> address(n, f.path("address")))
                    .orElse(new PostalAddress("?", "00000", "?"));
            String email = f.text("email").orElse(null);
            String website = f.text("website").orElse(null);
            administrations.add(new Administration(id, name, kind, address, email, website));
            f.required("services").flatMap(n -> YamlFields.sequence(n, f.path("services"), problems)).ifPresent(list -> {
                for (int i = 0; i < list.getValue().size(); i++) {
                    service(list.getValue().get(i), f.path("services") + "[" + i + "]", id);
                }
            });
        }

        private Optional<PostalAddress> address(Node node, String path) {
            return YamlFields.of(node, path, ADDRESS_KEYS, problems).flatMap(f -> {
                Optional<String> street = f.requiredText("street");
                Optional<String> postalCode = f.requiredText("postal-code");
                Optional<String> city = f.requiredText("city");
                if (postalCode.isPresent() && !postalCode.get().matches("\\d{5}")) {
                    problems.add(f.get("postal-code").orElseThrow(), f.path("postal-code"),
                            "postal code must be 5 digits, got '" + postalCode.get() + "'");
                    return Optional.empty();
                }
                if (street.isEmpty() || postalCode.isEmpty() || city.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new PostalAddress(street.get(), postalCode.get(), city.get()));
            });
        }

        private void service(Node node, String path, AdministrationId administration) {
            int index = services.size();
            String at = "services[" + index + "]";
            Optional<YamlFields> read = YamlFields.of(node, path, SERVICE_KEYS, problems);
            if (read.isEmpty()) {
                return;
            }
            YamlFields f = read.get();
            origin(at, node, path);
            ServiceId id = f.requiredText("id")
                    .flatMap(text -> convert(f.get("id").orElseThrow(), f.path("id"), text, ServiceId::new))
                    .orElseGet(() -> new ServiceId(placeholder()));
            f.get("id").ifPresent(n -> origin(at + ".id", n, f.path("id")));
            String name = f.requiredText("name").orElse("?");
            String purpose = f.text("purpose").orElse("");
            OpeningHours hours = f.required("hours").map(n -> {
                origin(at + ".hours", n, f.path("hours"));
                return hours(n, f.path("hours"), at + ".hours");
            }).orElse(OpeningHours.always(ZoneId.of("Europe/Paris")));
            PromptRef welcome = f.get("welcome").flatMap(n -> prompt(n, f.path("welcome"))).orElse(null);
            PromptRef closed = f.required("closed-message").flatMap(n -> prompt(n, f.path("closed-message")))
                    .orElse(PromptRef.of("invalid"));
            Node rootNode = f.get("menu").orElse(node);
            origin(at + ".menu", rootNode, f.path("menu"));
            MenuId root = f.text("menu").flatMap(text -> convert(rootNode, f.path("menu"), text, MenuId::new))
                    .orElse(new MenuId("main"));
            Map<MenuId, Menu> menus = new LinkedHashMap<>();
            f.required("menus").flatMap(n -> YamlFields.of(n, f.path("menus"), null, problems)).ifPresent(menuFields -> {
                origin(at + ".menus", menuFields.node(), menuFields.path());
                menuFields.values().forEach((key, menuNode) -> {
                    String menuPath = menuFields.path(key);
                    convert(menuFields.keyNode(key), menuPath, key, MenuId::new).ifPresent(menuId -> {
                        origin(at + ".menus." + menuId, menuNode, menuPath);
                        menu(menuId, menuNode, menuPath, at + ".menus." + menuId).ifPresent(menu -> menus.put(menuId, menu));
                    });
                });
            });
            f.text("survey").flatMap(text -> convert(f.get("survey").orElseThrow(), f.path("survey"), text, DirectoryYamlLoader::yesNo))
                    .ifPresent(survey -> surveys.put(id, survey));
            try {
                services.add(new Service(id, administration, name, purpose, hours, welcome, closed, root, menus));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(node, path, e.getMessage());
            }
            f.required("numbers").flatMap(n -> YamlFields.sequence(n, f.path("numbers"), problems)).ifPresent(list -> {
                for (int i = 0; i < list.getValue().size(); i++) {
                    number(list.getValue().get(i), f.path("numbers") + "[" + i + "]", id);
                }
            });
        }

        private OpeningHours hours(Node node, String path, String at) {
            ZoneId fallbackZone = ZoneId.of("Europe/Paris");
            Optional<YamlFields> read = YamlFields.of(node, path, HOURS_KEYS, problems);
            if (read.isEmpty()) {
                return OpeningHours.always(fallbackZone);
            }
            YamlFields f = read.get();
            ZoneId zone = f.text("zone").flatMap(text -> convert(f.get("zone").orElseThrow(), f.path("zone"), text, z -> {
                try {
                    return ZoneId.of(z);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("unknown time zone '" + z + "' (expected a tz name like Europe/Paris or Indian/Reunion)");
                }
            })).orElse(fallbackZone);
            HolidayRegime holidays = f.text("holidays").flatMap(text -> switch (text) {
                case "france" -> Optional.of(HolidayRegime.FRANCE);
                case "alsace-moselle" -> Optional.of(HolidayRegime.ALSACE_MOSELLE);
                case "none" -> Optional.of(HolidayRegime.NONE);
                default -> {
                    problems.add(f.get("holidays").orElseThrow(), f.path("holidays"),
                            "unknown holidays regime '" + text + "' (expected france, alsace-moselle or none)");
                    yield Optional.empty();
                }
            }).orElse(HolidayRegime.FRANCE);
            List<WeeklySlot> weekly = new ArrayList<>();
            f.get("weekly").flatMap(n -> YamlFields.of(n, f.path("weekly"), null, problems)).ifPresent(days ->
                    days.values().forEach((spec, rangesNode) -> {
                        String dayPath = days.path(spec);
                        Set<DayOfWeek> dayset = days(days.keyNode(spec), dayPath, spec);
                        ranges(rangesNode, dayPath).forEach((rangeNode, range) -> {
                            for (DayOfWeek day : dayset) {
                                origin(at + ".weekly[" + weekly.size() + "]", rangeNode.node(), rangeNode.yamlPath());
                                weekly.add(new WeeklySlot(day, range));
                            }
                        });
                    }));
            Set<LocalDate> closures = new HashSet<>();
            f.get("closed").flatMap(n -> YamlFields.sequence(n, f.path("closed"), problems)).ifPresent(list -> {
                for (int i = 0; i < list.getValue().size(); i++) {
                    Node item = list.getValue().get(i);
                    String itemPath = f.path("closed") + "[" + i + "]";
                    YamlFields.scalar(item, itemPath, problems).ifPresent(text -> closures.addAll(dates(item, itemPath, text)));
                }
            });
            Map<LocalDate, List<TimeRange>> openings = new HashMap<>();
            f.get("open").flatMap(n -> YamlFields.of(n, f.path("open"), null, problems)).ifPresent(dates ->
                    dates.values().forEach((text, rangesNode) -> {
                        String datePath = dates.path(text);
                        convert(dates.keyNode(text), datePath, text, DirectoryYamlLoader::date).ifPresent(date -> {
                            origin(at + ".openings." + date, rangesNode, datePath);
                            openings.put(date, List.copyOf(ranges(rangesNode, datePath).values()));
                        });
                    }));
            return new OpeningHours(zone, weekly, closures, openings, holidays);
        }

        private Set<DayOfWeek> days(Node node, String path, String spec) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (spec.equals("every-day")) {
                return EnumSet.allOf(DayOfWeek.class);
            }
            for (String part : spec.split(",")) {
                String[] bounds = part.trim().split("-", -1);
                DayOfWeek first = DAYS.get(bounds[0]);
                DayOfWeek last = bounds.length == 2 ? DAYS.get(bounds[1]) : first;
                if (bounds.length > 2 || first == null || last == null) {
                    problems.add(node, path, "unknown day '" + part.trim()
                            + "' (expected mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed or every-day)");
                    continue;
                }
                for (DayOfWeek d = first; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == last) {
                        break;
                    }
                }
            }
            return days;
        }

        /** A list of "HH:MM-HH:MM" (or one such text), keyed by where each is written. */
        private Map<Origin, TimeRange> ranges(Node node, String path) {
            Map<Origin, TimeRange> ranges = new LinkedHashMap<>();
            List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String itemPath = node instanceof SequenceNode ? path + "[" + i + "]" : path;
                YamlFields.scalar(item, itemPath, problems)
                        .flatMap(text -> convert(item, itemPath, text, DirectoryYamlLoader::timeRange))
                        .ifPresent(range -> ranges.put(new Origin(item, itemPath), range));
            }
            return ranges;
        }

        private List<LocalDate> dates(Node node, String path, String text) {
            int dots = text.indexOf("..");
            if (dots < 0) {
                return convert(node, path, text, DirectoryYamlLoader::date).map(List::of).orElse(List.of());
            }
            Optional<LocalDate> from = convert(node, path, text.substring(0, dots).trim(), DirectoryYamlLoader::date);
            Optional<LocalDate> to = convert(node, path, text.substring(dots + 2).trim(), DirectoryYamlLoader::date);
            if (from.isEmpty() || to.isEmpty()) {
                return List.of();
            }
            if (to.get().isBefore(from.get()) || from.get().plusDays(366).isBefore(to.get())) {
                problems.add(node, path, "bad date range '" + text + "': must run forwards over at most a year");
                return List.of();
            }
            return from.get().datesUntil(to.get().plusDays(1)).toList();
        }

        private Optional<Menu> menu(MenuId id, Node node, String path, String at) {
            Optional<YamlFields> read = YamlFields.of(node, path, MENU_KEYS, problems);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            YamlFields f = read.get();
            PromptRef prompt = f.required("prompt").flatMap(n -> prompt(n, f.path("prompt"))).orElse(PromptRef.of("invalid"));
            Duration timeout = f.text("timeout").flatMap(text -> convert(f.get("timeout").orElseThrow(), f.path("timeout"), text,
                    DirectoryYamlLoader::timeout)).orElse(DEFAULT_TIMEOUT);
            int attempts = f.text("attempts").flatMap(text -> convert(f.get("attempts").orElseThrow(), f.path("attempts"), text,
                    DirectoryYamlLoader::attempts)).orElse(DEFAULT_ATTEMPTS);
            Map<Character, MenuAction> options = new LinkedHashMap<>();
            f.required("options").flatMap(n -> YamlFields.of(n, f.path("options"), null, problems)).ifPresent(keys ->
                    keys.values().forEach((key, actionNode) -> {
                        String keyPath = keys.path(key);
                        if (key.length() != 1 || Menu.VALID_KEYS.indexOf(key.charAt(0)) < 0) {
                            problems.add(keys.keyNode(key), keyPath, "menu key must be one of 0-9, * or # (quote it: \"*\"), got '" + key + "'");
                            return;
                        }
                        origin(at + ".options." + key, actionNode, keyPath);
                        action(actionNode, keyPath).ifPresent(action -> options.put(key.charAt(0), action));
                    }));
            f.get("on-failure").ifPresent(n -> origin(at + ".on-failure", n, f.path("on-failure")));
            MenuAction onFailure = f.get("on-failure").flatMap(n -> action(n, f.path("on-failure"))).orElse(new MenuAction.HangUp());
            return Optional.of(new Menu(id, prompt, options, timeout, attempts, onFailure));
        }

        private Optional<MenuAction> action(Node node, String path) {
            if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar && scalar.getValue().equals("hang-up")) {
                return Optional.of(new MenuAction.HangUp());
            }
            return YamlFields.of(node, path, ACTION_KEYS, problems).flatMap(f -> {
                List<String> kinds = f.values().keySet().stream().filter(k -> !k.equals("then")).toList();
                if (kinds.size() != 1) {
                    problems.add(node, path, "an option does exactly one of menu, message, transfer, queue or hang-up; got "
                            + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
                    return Optional.empty();
                }
                String kind = kinds.getFirst();
                if (f.get("then").isPresent() && !kind.equals("message")) {
                    problems.add(f.keyNode("then"), f.path("then"), "'then' only follows a message");
                }
                Node value = f.values().get(kind);
                String valuePath = f.path(kind);
                return switch (kind) {
                    case "menu" -> f.text("menu").flatMap(text -> convert(value, valuePath, text, MenuId::new)).map(MenuAction.GoTo::new);
                    case "message" -> {
                        Optional<PromptRef> prompt = f.required("message").flatMap(n -> prompt(n, valuePath));
                        MenuAction.AfterMessage after = f.text("then").flatMap(text -> switch (text) {
                            case "hang-up" -> Optional.of(MenuAction.AfterMessage.HANG_UP);
                            case "back" -> Optional.of(MenuAction.AfterMessage.BACK);
                            default -> {
                                problems.add(f.get("then").orElseThrow(), f.path("then"), "unknown 'then' value '" + text + "' (expected hang-up or back)");
                                yield Optional.empty();
                            }
                        }).orElse(MenuAction.AfterMessage.HANG_UP);
                        yield prompt.map(p -> new MenuAction.Message(p, after));
                    }
                    case "transfer" -> f.text("transfer").flatMap(text -> convert(value, valuePath, text, DialledNumber::parse))
                            .map(MenuAction.Transfer::new);
                    case "queue" -> f.text("queue").flatMap(text -> convert(value, valuePath, text, MenuAction.Queue::new));
                    case "hang-up" -> {
                        if (!f.text("hang-up").orElse("").equals("true")) {
                            problems.add(value, valuePath, "write 'hang-up: true'");
                            yield Optional.empty();
                        }
                        yield Optional.of(new MenuAction.HangUp());
                    }
                    default -> throw new IllegalStateException("unreachable: " + kind);
                };
            });
        }

        private Optional<PromptRef> prompt(Node node, String path) {
            return YamlFields.scalar(node, path, problems).flatMap(text -> convert(node, path, text, PromptRef::new)).flatMap(prompt -> {
                if (!promptExists.test(prompt)) {
                    problems.add(node, path, "prompt '" + prompt + "' not found (no " + prompt + ".wav in the prompt directories)");
                    return Optional.empty();
                }
                return Optional.of(prompt);
            });
        }

        /**
         * One queue. A value that cannot be read is reported and replaced by its default, so the queue
         * still exists for the cross-reference checks (menus and overflows naming it).
         */
        private void queue(Node node, String path) {
            int index = queues.size();
            String at = "queues[" + index + "]";
            Optional<YamlFields> read = YamlFields.of(node, path, QUEUE_KEYS, problems);
            if (read.isEmpty()) {
                return;
            }
            YamlFields f = read.get();
            origin(at, node, path);
            for (String key : List.of("id", "service", "ring-timeout", "survey", "overflow", "callback")) {
                f.get(key).ifPresent(n -> origin(at + "." + key, n, f.path(key)));
            }
            QueueId id = f.requiredText("id").flatMap(text -> convert(f.get("id").orElseThrow(), f.path("id"), text, QueueId::new))
                    .orElseGet(() -> new QueueId(placeholder()));
            String service = f.requiredText("service").orElse(placeholder());
            f.get("survey").ifPresent(n -> problems.add(f.keyNode("survey"), f.path("survey"),
                    "the survey is the service's choice: write 'survey: true' on service '" + service + "'"));
            QueueDefinition defaults = QueueDefinition.of(id, service);
            QueueRules ruleDefaults = QueueRules.defaults(id);
            SkillRequirements skills = f.get("skills").map(n -> skills(n, f.path("skills"))).orElse(SkillRequirements.NONE);
            int priority = integer(f, "priority", QueueDefinition.MAX_PRIORITY, -QueueDefinition.MAX_PRIORITY, defaults.priority());
            int maxLength = integer(f, "max-length", 100_000, 1, defaults.maxLength());
            Duration maxWait = duration(f, "max-wait", true, defaults.maxWait());
            Duration window = duration(f, "preferred-agent-window", false, defaults.preferredAgentWindow());
            Duration agingStep = duration(f, "aging-step", false, defaults.agingStep());
            Duration ringTimeout = duration(f, "ring-timeout", true, ruleDefaults.ringTimeout());
            Duration announceEvery = duration(f, "announce-every", false, ruleDefaults.announceEvery());
            Duration wrapUp = duration(f, "wrap-up", false, ruleDefaults.wrapUp());
            Duration agentLost = duration(f, "agent-lost-timeout", true, ruleDefaults.agentLostTimeout());
            PromptRef music = f.get("music").map(n -> prompt(n, f.path("music")).orElse(ruleDefaults.music())).orElseGet(() -> {
                if (!promptExists.test(ruleDefaults.music())) {
                    problems.add(node, f.path("music"), "missing, and the default music '" + ruleDefaults.music()
                            + "' is not in the prompt directories: name a prompt to play while waiting");
                }
                return ruleDefaults.music();
            });
            Optional<Duration> callbackAbove = Optional.empty();
            Optional<Character> callbackKey = Optional.empty();
            Optional<YamlFields> callback = f.get("callback").flatMap(n -> YamlFields.of(n, f.path("callback"), CALLBACK_KEYS, problems));
            if (callback.isPresent()) {
                YamlFields c = callback.get();
                c.get("above").ifPresent(n -> origin(at + ".callback.above", n, c.path("above")));
                c.get("key").ifPresent(n -> origin(at + ".callback.key", n, c.path("key")));
                callbackAbove = c.text("above").flatMap(text -> convert(c.get("above").orElseThrow(), c.path("above"), text,
                        t -> positive(longDuration(t), t)));
                callbackKey = c.text("key").flatMap(text -> convert(c.get("key").orElseThrow(), c.path("key"), text, DirectoryYamlLoader::key));
            }
            QueueRules.WhenNoAgents whenNoAgents = f.text("when-no-agents").flatMap(text -> switch (text) {
                case "wait" -> Optional.of(QueueRules.WhenNoAgents.WAIT);
                case "overflow" -> Optional.of(QueueRules.WhenNoAgents.OVERFLOW);
                case "offer-callback" -> Optional.of(QueueRules.WhenNoAgents.OFFER_CALLBACK);
                default -> {
                    problems.add(f.get("when-no-agents").orElseThrow(), f.path("when-no-agents"),
                            "unknown value '" + text + "' (expected wait, overflow or offer-callback)");
                    yield Optional.empty();
                }
            }).orElse(ruleDefaults.whenNoAgents());
            Optional<Overflow> overflow = f.get("overflow").flatMap(n -> overflow(n, f.path("overflow"), at + ".overflow"));
            boolean survey = surveys.getOrDefault(serviceIdOrNull(service), false);
            try {
                QueueDefinition definition = new QueueDefinition(id, service, skills, priority, maxLength, maxWait, window, agingStep);
                QueueRules rules = new QueueRules(id, ringTimeout, overflow, announceEvery, music, callbackAbove, callbackKey,
                        whenNoAgents, wrapUp, agentLost, survey);
                queues.add(new QueueSetup(definition, rules));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(node, path, e.getMessage());
            }
        }

        private static ServiceId serviceIdOrNull(String service) {
            try {
                return new ServiceId(service);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private SkillRequirements skills(Node node, String path) {
            Map<Skill, SkillLevel> minimums = new HashMap<>();
            YamlFields.of(node, path, null, problems).ifPresent(f -> f.values().forEach((name, levelNode) -> {
                String levelPath = f.path(name);
                YamlFields.scalar(levelNode, levelPath, problems)
                        .flatMap(text -> convert(levelNode, levelPath, text, t -> SkillLevel.of(wholeNumber(t, "a skill level"))))
                        .flatMap(level -> convert(f.keyNode(name), levelPath, name, Skill::new).map(skill -> Map.entry(skill, level)))
                        .ifPresent(e -> minimums.put(e.getKey(), e.getValue()));
            }));
            return SkillRequirements.of(minimums);
        }

        private int integer(YamlFields f, String key, int max, int min, int fallback) {
            return f.text(key).flatMap(text -> convert(f.get(key).orElseThrow(), f.path(key), text, t -> {
                int value = wholeNumber(t, key);
                if (value < min || value > max) {
                    throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
                }
                return value;
            })).orElse(fallback);
        }

        private Duration duration(YamlFields f, String key, boolean positive, Duration fallback) {
            return f.text(key).flatMap(text -> convert(f.get(key).orElseThrow(), f.path(key), text,
                    t -> positive ? positive(longDuration(t), t) : longDuration(t))).orElse(fallback);
        }

        private Optional<Overflow> overflow(Node node, String path, String at) {
            return YamlFields.of(node, path, OVERFLOW_KEYS, problems).flatMap(f -> {
                if (f.values().size() != 1) {
                    problems.add(node, path, "an overflow goes to exactly one of queue, number or message; got "
                            + (f.values().isEmpty() ? "none" : String.join(" and ", f.values().keySet())));
                    return Optional.empty();
                }
                String kind = f.values().keySet().iterator().next();
                Node value = f.values().get(kind);
                origin(at + "." + kind, value, f.path(kind));
                return switch (kind) {
                    case "queue" -> f.text("queue").flatMap(text -> convert(value, f.path("queue"), text, QueueId::new))
                            .map(Overflow.ToQueue::new);
                    case "number" -> f.text("number").map(Overflow.ToNumber::new);
                    case "message" -> prompt(value, f.path("message")).map(Overflow.Message::new);
                    default -> throw new IllegalStateException("unreachable: " + kind);
                };
            });
        }

        private void number(Node node, String path, ServiceId service) {
            int index = numbers.size();
            YamlFields.of(node, path, NUMBER_KEYS, problems).ifPresent(f -> {
                origin("numbers[" + index + "]", node, path);
                f.get("number").ifPresent(n -> origin("numbers[" + index + "].number", n, f.path("number")));
                f.get("sip-user").ifPresent(n -> origin("numbers[" + index + "].sip-user", n, f.path("sip-user")));
                Optional<DialledNumber> number = f.requiredText("number")
                        .flatMap(text -> convert(f.get("number").orElseThrow(), f.path("number"), text, DialledNumber::parse));
                if (number.isEmpty()) {
                    return;
                }
                String sipUser = f.text("sip-user").orElse(number.get().value());
                Node userNode = f.get("sip-user").orElse(node);
                convert(userNode, f.path("sip-user"), sipUser, user -> new NumberRoute(number.get(), user, service))
                        .ifPresent(numbers::add);
            });
        }
    }

    static TimeRange timeRange(String text) {
        Matcher m = TIME_RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad time range '" + text + "': expected HH:MM-HH:MM, e.g. 08:30-12:00");
        }
        LocalTime from = time(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false);
        LocalTime to = time(text, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), true);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("bad time range '" + text + "': must end after it starts");
        }
        return new TimeRange(from, to);
    }

    /** "24:00" is accepted as an end: the end of the day (ranges are half-open). */
    private static LocalTime time(String text, int hour, int minute, boolean end) {
        if (end && hour == 24 && minute == 0) {
            return LocalTime.MAX;
        }
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("bad time range '" + text + "': " + String.format("%02d:%02d", hour, minute)
                    + " is not a time of day (00:00-23:59, or 24:00 as an end)");
        }
        return LocalTime.of(hour, minute);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad date '" + text + "': expected YYYY-MM-DD");
        }
    }

    static Duration timeout(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad time-out '" + text + "': expected seconds or milliseconds like 5s or 1500ms");
        }
        long amount = Long.parseLong(m.group(1));
        Duration timeout = m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
        if (timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("time-out must be between 1ms and 60s, got " + text);
        }
        return timeout;
    }

    /** A duration with its unit: {@code 1500ms}, {@code 20s}, {@code 10m}, {@code 1h}; zero is allowed. */
    static Duration longDuration(String text) {
        Matcher m = LONG_DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected a whole number and a unit, like 1500ms, 20s, 10m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static Duration positive(Duration duration, String text) {
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be a positive duration, got " + text);
        }
        return duration;
    }

    static Character key(String text) {
        if (text.length() != 1 || Menu.VALID_KEYS.indexOf(text.charAt(0)) < 0) {
            throw new IllegalArgumentException("a key must be one of 0-9, * or # (quote it: \"9\"), got '" + text + "'");
        }
        return text.charAt(0);
    }

    static boolean yesNo(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    static int wholeNumber(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + text + "'");
        }
    }

    static int attempts(String text) {
        int attempts;
        try {
            attempts = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attempts must be a whole number, got '" + text + "'");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be between 1 and 10, got " + attempts);
        }
        return attempts;
    }
}
