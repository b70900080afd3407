package fr.accueil.core.indicators;

import fr.accueil.core.contact.Channel;
import java.time.Instant;
import java.util.Objects;

/** The finest grain of roll-up: one quarter hour of one number of one service, on one channel. */
public record RollupKey(Instant bucketStart, String administration, String service, String number, Channel channel) {
    public RollupKey {
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(channel, "channel");
        if (!Period.isQuarterHour(bucketStart)) {
            throw new IllegalArgumentException("bucket start must fall on a quarter hour: " + bucketStart);
        }
    }

    public static RollupKey of(ContactFacts f) {
        return new RollupKey(Period.quarterHourOf(f.receivedAt()), f.administration(), f.service(), f.number(),
                f.channel());
    }
}
