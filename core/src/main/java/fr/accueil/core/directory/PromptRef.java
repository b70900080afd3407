package fr.accueil.core.directory;

/**
 * Names an audio prompt: a file {@code NAME.wav} in the prompt directory for the language. An
 * administration replaces a prompt by dropping its own recording under the same name.
 */
public record PromptRef(String name) {
    public PromptRef {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_/-]{0,127}") || name.contains("..")) {
            throw new IllegalArgumentException("prompt name must be lower-case letters, digits, '_', '-', '/', got '" + name + "'");
        }
    }

    public static PromptRef of(String name) {
        return new PromptRef(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
