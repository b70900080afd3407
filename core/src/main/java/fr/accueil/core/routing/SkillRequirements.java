package fr.accueil.core.routing;

import java.util.Map;
import java.util.Objects;

/**
 * Minimum skill levels; an agent meets them when it holds every listed skill at least at the level.
 * The map is copied and immutable, so instances are usable as keys.
 */
public record SkillRequirements(Map<Skill, SkillLevel> minimums) {
    public static final SkillRequirements NONE = new SkillRequirements(Map.of());

    public SkillRequirements {
        minimums = Map.copyOf(Objects.requireNonNull(minimums, "minimums"));
    }

    public static SkillRequirements of(Map<Skill, SkillLevel> minimums) {
        return new SkillRequirements(minimums);
    }

    /** Whether the skills meet every minimum. */
    public boolean metBy(Map<Skill, SkillLevel> skills) {
        for (Map.Entry<Skill, SkillLevel> required : minimums.entrySet()) {
            SkillLevel held = skills.get(required.getKey());
            if (held == null || held.value() < required.getValue().value()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sum over the required skills of (held level − minimum level): how far above the requirement an
     * agent is. Only meaningful when {@link #metBy} holds.
     */
    public int surplus(Map<Skill, SkillLevel> skills) {
        int surplus = 0;
        for (Map.Entry<Skill, SkillLevel> required : minimums.entrySet()) {
            surplus += skills.get(required.getKey()).value() - required.getValue().value();
        }
        return surplus;
    }
}
