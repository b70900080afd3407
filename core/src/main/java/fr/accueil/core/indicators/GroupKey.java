package fr.accueil.core.indicators;

import fr.accueil.core.contact.Channel;
import java.util.Objects;
import java.util.Set;

/**
 * The values of the grouped dimensions of one result row; a dimension that is not grouped holds
 * {@link #ALL}. Service slugs are unique within an administration only, so a per-service breakdown
 * should group by administration too.
 */
public record GroupKey(String administration, String service, String number, String channel) {
    /** Placeholder of a dimension that is not grouped. */
    public static final String ALL = "*";

    public GroupKey {
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(channel, "channel");
    }

    public static GroupKey of(Set<Dimension> grouping, String administration, String service, String number,
                              Channel channel) {
        return new GroupKey(
                grouping.contains(Dimension.ADMINISTRATION) ? administration : ALL,
                grouping.contains(Dimension.SERVICE) ? service : ALL,
                grouping.contains(Dimension.NUMBER) ? number : ALL,
                grouping.contains(Dimension.CHANNEL) ? channel.name() : ALL);
    }

    public static GroupKey of(Set<Dimension> grouping, ContactFacts f) {
        return of(grouping, f.administration(), f.service(), f.number(), f.channel());
    }
}
