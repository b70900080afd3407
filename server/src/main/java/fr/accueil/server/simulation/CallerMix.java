package fr.accueil.server.simulation;

import java.util.List;
import java.util.Map;

/**
 * Who calls what in the demo directory: mostly the demonstration service (open at all hours, key 9
 * to its queue), then the town hall's civil status (open office hours, key 9 to its queue) and the
 * family allowance fund (messages only). Intents: half ask for a person, a quarter find their answer
 * in a message, the rest listen to information or give up in the menu.
 */
record CallerMix(List<DialledService> services, Map<CallerIntent, Double> intents) {

    static CallerMix demo() {
        return new CallerMix(List.of(
                new DialledService("3999", 0.6, Map.of(CallerIntent.QUEUE, "9", CallerIntent.SELF_SERVICE, "21",
                        CallerIntent.INFORMATION, "1")),
                new DialledService("0199000200", 0.3, Map.of(CallerIntent.QUEUE, "9", CallerIntent.SELF_SERVICE, "1",
                        CallerIntent.INFORMATION, "2")),
                new DialledService("0199000100", 0.1, Map.of(CallerIntent.SELF_SERVICE, "2", CallerIntent.INFORMATION, "3"))),
                Map.of(CallerIntent.QUEUE, 0.5, CallerIntent.SELF_SERVICE, 0.25, CallerIntent.INFORMATION, 0.15,
                        CallerIntent.HANG_UP_IN_IVR, 0.10));
    }

    DialledService pickService(SimulatedTime time) {
        double total = services.stream().mapToDouble(DialledService::share).sum();
        double x = time.random().nextDouble() * total;
        for (DialledService s : services) {
            x -= s.share();
            if (x < 0) {
                return s;
            }
        }
        return services.getLast();
    }

    CallerIntent pickIntent(SimulatedTime time) {
        double total = intents.values().stream().mapToDouble(Double::doubleValue).sum();
        double x = time.random().nextDouble() * total;
        for (CallerIntent intent : CallerIntent.values()) {
            x -= intents.getOrDefault(intent, 0.0);
            if (x < 0) {
                return intent;
            }
        }
        return CallerIntent.HANG_UP_IN_IVR;
    }
}
