package fr.accueil.telephony.ivr;

import fr.accueil.core.directory.PromptRef;

/** The prompts every service shares (prompts/fr/systeme/…); an administration may re-record them. */
final class SystemPrompts {
    static final PromptRef INVALID_CHOICE = PromptRef.of("systeme/choix-invalide");
    static final PromptRef NO_INPUT = PromptRef.of("systeme/pas-de-saisie");
    static final PromptRef GOODBYE = PromptRef.of("systeme/au-revoir");
    static final PromptRef REOPENS = PromptRef.of("systeme/reouverture");
    static final PromptRef NO_REOPENING = PromptRef.of("systeme/pas-de-reouverture");
    static final PromptRef TRANSFER = PromptRef.of("systeme/transfert");
    static final PromptRef TRANSFER_FAILED = PromptRef.of("systeme/transfert-impossible");
    static final PromptRef TECHNICAL_ERROR = PromptRef.of("systeme/erreur-technique");

    private SystemPrompts() {
    }
}
