package fr.accueil.core.routing;

/** How well an agent masters a skill, from 1 (beginner) to 5 (expert). */
public record SkillLevel(int value) implements Comparable<SkillLevel> {
    public static final int MIN = 1;
    public static final int MAX = 5;

    public SkillLevel {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("skill level must be in [" + MIN + ", " + MAX + "], was " + value);
        }
    }

    public static SkillLevel of(int value) {
        return new SkillLevel(value);
    }

    @Override
    public int compareTo(SkillLevel other) {
        return Integer.compare(value, other.value);
    }
}
