package fr.accueil.telephony.media;

import fr.accueil.core.directory.PromptRef;

/**
 * The audio prompts of one language, looked up by name. An administration's own recording
 * overrides the generated prompt of the same name.
 */
public interface Prompts {

    /** @throws MissingPromptException naming the file looked for */
    AudioClip clip(PromptRef prompt);

    boolean has(PromptRef prompt);
}
