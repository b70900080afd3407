package fr.accueil.core.directory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One level of an IVR menu: a prompt, the keys it accepts, and what happens after {@code maxAttempts}
 * time-outs or invalid keys ({@code onFailure}).
 */
public record Menu(MenuId id, PromptRef prompt, Map<Character, MenuAction> options, Duration timeout,
                   int maxAttempts, MenuAction onFailure) {
    public static final String VALID_KEYS = "0123456789*#";

    public Menu {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(onFailure, "onFailure");
        options = Map.copyOf(options);
        for (Character key : options.keySet()) {
            if (VALID_KEYS.indexOf(key) < 0) {
                throw new IllegalArgumentException("menu key must be one of " + VALID_KEYS + ", got '" + key + "'");
            }
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 60) {
            throw new IllegalArgumentException("menu time-out must be between 1 ms and 60 s, got " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("menu attempts must be between 1 and 10, got " + maxAttempts);
        }
    }

    public Optional<MenuAction> option(char key) {
        return Optional.ofNullable(options.get(key));
    }
}
