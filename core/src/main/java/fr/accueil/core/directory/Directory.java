package fr.accueil.core.directory;

import fr.accueil.core.routing.QueueId;
import fr.accueil.core.routing.QueueSetup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The validated directory: administrations, their services, the numbers that reach them and the
 * agent queues menus hand callers to.
 * Immutable; a reload builds a new one and swaps it whole, so a call in progress keeps the
 * directory it started with.
 */
public final class Directory {
    private final List<Administration> administrations;
    private final List<Service> services;
    private final List<NumberRoute> numbers;
    private final List<QueueSetup> queues;
    private final Map<AdministrationId, Administration> administrationsById;
    private final Map<ServiceId, Service> servicesById;
    private final Map<String, NumberRoute> routesBySipUser;
    private final Map<QueueId, QueueSetup> queuesById;

    /** Use {@link DirectoryValidator#build} to obtain a directory from untrusted input. */
    Directory(List<Administration> administrations, List<Service> services, List<NumberRoute> numbers,
              List<QueueSetup> queues) {
        this.administrations = List.copyOf(administrations);
        this.services = List.copyOf(services);
        this.numbers = List.copyOf(numbers);
        this.queues = List.copyOf(queues);
        this.queuesById = index(queues, QueueSetup::id);
        this.administrationsById = index(administrations, Administration::id);
        this.servicesById = index(services, Service::id);
        this.routesBySipUser = index(numbers, NumberRoute::sipUser);
    }

    public static Directory empty() {
        return new Directory(List.of(), List.of(), List.of(), List.of());
    }

    private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public List<Administration> administrations() {
        return administrations;
    }

    public List<Service> services() {
        return services;
    }

    public List<NumberRoute> numbers() {
        return numbers;
    }

    /** The queues in the order of the file. */
    public List<QueueSetup> queues() {
        return queues;
    }

    public Optional<QueueSetup> queue(QueueId id) {
        return Optional.ofNullable(queuesById.get(id));
    }

    /** The queues served by the agents of this service. */
    public List<QueueSetup> queuesOf(ServiceId id) {
        return queues.stream().filter(q -> q.definition().service().equals(id.value())).toList();
    }

    public Optional<Administration> administration(AdministrationId id) {
        return Optional.ofNullable(administrationsById.get(id));
    }

    public Optional<Service> service(ServiceId id) {
        return Optional.ofNullable(servicesById.get(id));
    }

    /** The route for the user part of an INVITE's Request-URI. */
    public Optional<NumberRoute> routeForSipUser(String sipUser) {
        return Optional.ofNullable(routesBySipUser.get(sipUser));
    }

    public List<Service> servicesOf(AdministrationId id) {
        return services.stream().filter(s -> s.administration().equals(id)).toList();
    }

    public List<NumberRoute> numbersOf(ServiceId id) {
        return numbers.stream().filter(n -> n.service().equals(id)).toList();
    }
}
