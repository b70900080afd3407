package fr.accueil.server.indicators;

import fr.accueil.core.indicators.RuleSet;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.indicators.*}: the active rule set (docs/indicators-rules.md). Changing any rule means
 * a new {@code rule-set-version} and a {@code recompute}: roll-ups of one version are never merged with
 * another's. Validated when bound. Immutable.
 *
 * @param ruleSetVersion        published identifier of the rules, printed with every figure
 * @param shortAbandonThreshold queue abandons strictly shorter than this are not presented (0s: none)
 * @param serviceLevelTarget    T of the service level: answered after a wait ≤ T
 * @param countCallbacks        a callback that reached the citizen makes the original call handled
 */
@ConfigurationProperties("accueil.indicators")
public record IndicatorSettings(@DefaultValue("2026-1") String ruleSetVersion,
                                @DefaultValue("0s") Duration shortAbandonThreshold,
                                @DefaultValue("60s") Duration serviceLevelTarget,
                                @DefaultValue("true") boolean countCallbacks) {
    public IndicatorSettings {
        require(ruleSetVersion != null && ruleSetVersion.matches("[A-Za-z0-9._-]{1,32}"),
                "accueil.indicators.rule-set-version must be 1 to 32 letters, digits, '.', '_' or '-', got '" + ruleSetVersion + "'");
        require(!shortAbandonThreshold.isNegative() && shortAbandonThreshold.compareTo(Duration.ofMinutes(10)) <= 0,
                "accueil.indicators.short-abandon-threshold must be between 0s and 10m, got " + shortAbandonThreshold);
        require(serviceLevelTarget.isPositive() && serviceLevelTarget.compareTo(Duration.ofHours(1)) <= 0,
                "accueil.indicators.service-level-target must be between 1ms and 1h, got " + serviceLevelTarget);
    }

    public RuleSet ruleSet() {
        return RuleSet.defaults(ruleSetVersion).withShortAbandonThreshold(shortAbandonThreshold)
                .withServiceLevelTarget(serviceLevelTarget).withCountCallbacks(countCallbacks);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
