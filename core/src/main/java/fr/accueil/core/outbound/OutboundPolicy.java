package fr.accueil.core.outbound;

/**
 * Which numbers Accueil may call out to (callbacks, transfers, overflow to a number): French
 * numbers only by default, never premium rate, international only when configured. Every outbound
 * INVITE to the trunk goes through {@link #check}; an inbound request can never choose the number
 * on its own (toll-fraud protection).
 */
public interface OutboundPolicy {

    /** Accepts national ({@code 01…09}), E.164 ({@code +33…}) and {@code 0033…} forms, spaces and dots ignored. */
    OutboundVerdict check(String number);
}
