package fr.accueil.server.indicators;

import fr.accueil.core.contact.Channel;
import java.util.Optional;

/**
 * Restricts a report to one administration, service, number or channel; an empty field keeps all.
 * Service slugs are unique within an administration only: filter on both to name one service.
 */
public record IndicatorFilter(Optional<String> administration, Optional<String> service, Optional<String> number,
                              Optional<Channel> channel) {
    public static final IndicatorFilter NONE = new IndicatorFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public IndicatorFilter {
        administration = administration.filter(s -> !s.isBlank());
        service = service.filter(s -> !s.isBlank());
        number = number.filter(s -> !s.isBlank());
    }

    /** Whether a roll-up of these dimensions is in the report. */
    public boolean keeps(String administration, String service, String number, Channel channel) {
        return this.administration.map(administration::equals).orElse(true) && this.service.map(service::equals).orElse(true)
                && this.number.map(number::equals).orElse(true) && this.channel.map(channel::equals).orElse(true);
    }

    public boolean isEmpty() {
        return administration.isEmpty() && service.isEmpty() && number.isEmpty() && channel.isEmpty();
    }
}
