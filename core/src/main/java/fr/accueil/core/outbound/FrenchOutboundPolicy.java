package fr.accueil.core.outbound;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The outbound policy for a French public service: calls only to French numbers that cost the
 * administration an ordinary call, never to premium-rate, short or emergency numbers, and abroad only
 * to the country codes configured. Every refusal carries its reason in French.
 *
 * <p>Accepted forms (spaces, dots and dashes ignored): national {@code 01 23 45 67 89}, E.164
 * {@code +33 1 23 45 67 89} (also {@code +33 (0)1…} and {@code +33 01…}), international prefix
 * {@code 0033 1…}. Allowed: geographic {@code 01}–{@code 05}, mobiles {@code 06} and {@code 07},
 * non-geographic {@code 09}, free numbers {@code 0800}–{@code 0805} when configured, and the overseas
 * departments and territories ({@code +262}, {@code +590}, {@code +594}, {@code +596}, {@code +269},
 * {@code +508}, {@code +681}, {@code +687}, {@code +689}).
 *
 * <p>Overseas numbers dialled in the national plan ({@code 0262}, {@code 0590}, {@code 0692}…) are
 * normalised to their own country code ({@code +262 262…}, {@code +590 590…}, {@code +262 692…}), as
 * the ARCEP plan assigns them, not to {@code +33}.
 *
 * <p>Refused: {@code 081}–{@code 089} and {@code 0806}–{@code 0809} (special tariffs), every number
 * that is not ten digits, short numbers ({@code 3BCD} such as 3939, {@code 118 XYZ} directories,
 * {@code 10XY} carrier prefixes, emergency numbers 15, 17, 18, 112, 114, 115, 119, 116 XXX, 191, 196,
 * 197), letters, SIP or other URIs, {@code *} and {@code #}, and international numbers outside the
 * configured list. Immutable and thread-safe.
 */
public final class FrenchOutboundPolicy implements OutboundPolicy {
    /** Longer than any number written with separators; refused before any parsing. */
    static final int MAX_LENGTH = 40;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-\u00a0\u202f]");
    private static final Pattern URI = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*:.*|.*@.*");
    private static final Pattern LETTERS = Pattern.compile(".*\\p{L}.*");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Set<String> EMERGENCY = Set.of("15", "17", "18", "112", "114", "115", "119", "191", "196", "197");

    /** Overseas departments and territories with their own country code, and the subscriber number's length. */
    private static final Map<String, Integer> OVERSEAS = Map.of(
            "262", 9,   // La Réunion, Mayotte
            "590", 9,   // Guadeloupe, Saint-Martin, Saint-Barthélemy
            "594", 9,   // Guyane
            "596", 9,   // Martinique
            "269", 7,   // the former code of Mayotte (treated as French, as configured for Accueil)
            "508", 6,   // Saint-Pierre-et-Miquelon
            "681", 6,   // Wallis-et-Futuna
            "687", 6,   // Nouvelle-Calédonie
            "689", 8);  // Polynésie française

    /** National four-digit prefixes of the overseas departments, and the country code their E.164 form uses. */
    private static final Map<String, String> OVERSEAS_NATIONAL = Map.ofEntries(
            Map.entry("0262", "262"), Map.entry("0263", "262"), Map.entry("0269", "262"), Map.entry("0639", "262"),
            Map.entry("0692", "262"), Map.entry("0693", "262"),
            Map.entry("0590", "590"), Map.entry("0690", "590"), Map.entry("0691", "590"),
            Map.entry("0594", "594"), Map.entry("0694", "594"),
            Map.entry("0596", "596"), Map.entry("0696", "596"), Map.entry("0697", "596"));

    private final boolean freeNumbers;
    private final Set<String> countryCodes;

    /**
     * @param freeNumbers  whether free numbers {@code 0800}–{@code 0805} may be called
     * @param countryCodes foreign country codes that may be called (digits, e.g. {@code 32} for Belgium);
     *                     empty: none. France and its overseas codes are always allowed and need not be listed
     */
    public FrenchOutboundPolicy(boolean freeNumbers, Set<String> countryCodes) {
        Objects.requireNonNull(countryCodes, "countryCodes");
        for (String code : countryCodes) {
            if (code == null || !code.matches("[1-9]\\d{0,2}")) {
                throw new IllegalArgumentException("a country code is 1 to 3 digits, not starting with 0: '" + code + "'");
            }
        }
        this.freeNumbers = freeNumbers;
        this.countryCodes = Set.copyOf(countryCodes);
    }

    /** French numbers including free numbers; nothing abroad. */
    public static FrenchOutboundPolicy defaults() {
        return new FrenchOutboundPolicy(true, Set.of());
    }

    @Override
    public OutboundVerdict check(String number) {
        if (number == null || number.isBlank()) {
            return refused("numéro vide");
        }
        if (number.length() > MAX_LENGTH) {
            return refused("numéro trop long");
        }
        String text = number.strip();
        if (URI.matcher(text).matches()) {
            return refused("adresse SIP ou URI refusée : seul un numéro de téléphone peut être appelé");
        }
        if (LETTERS.matcher(text).matches()) {
            return refused("le numéro contient des lettres");
        }
        String compact = SEPARATORS.matcher(text).replaceAll("");
        if (compact.startsWith("+")) {
            return international(stripTrunkZero(compact.substring(1)));
        }
        if (compact.startsWith("00")) {
            return international(stripTrunkZero(compact.substring(2)));
        }
        if (!DIGITS.matcher(compact).matches()) {
            return refused("caractère non autorisé dans le numéro (seuls les chiffres, espaces, points, tirets et « + » initial le sont)");
        }
        if (compact.startsWith("0")) {
            return national(compact);
        }
        return shortNumber(compact);
    }

    /** {@code 33(0)1…} and {@code 3301…}: the national trunk zero written after the country code. */
    private static String stripTrunkZero(String afterPlus) {
        if (afterPlus.startsWith("33(0)")) {
            return "33" + afterPlus.substring(5);
        }
        if (afterPlus.startsWith("330") && afterPlus.length() == 12) {
            return "33" + afterPlus.substring(3);
        }
        return afterPlus;
    }

    private OutboundVerdict international(String digits) {
        if (digits.isEmpty()) {
            return refused("numéro incomplet");
        }
        if (!DIGITS.matcher(digits).matches()) {
            return refused("caractère non autorisé dans le numéro (seuls les chiffres, espaces, points, tirets et « + » initial le sont)");
        }
        if (digits.startsWith("33")) {
            String significant = digits.substring(2);
            if (significant.length() != 9) {
                return refused("un numéro français a 10 chiffres (9 après +33)");
            }
            return national("0" + significant);
        }
        for (var overseas : OVERSEAS.entrySet()) {
            if (digits.startsWith(overseas.getKey())) {
                String subscriber = digits.substring(overseas.getKey().length());
                if (subscriber.length() != overseas.getValue()) {
                    return refused("numéro d'outre-mer incomplet ou trop long (+" + overseas.getKey() + " suivi de "
                            + overseas.getValue() + " chiffres)");
                }
                return new OutboundVerdict.Allowed("+" + digits);
            }
        }
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            if (countryCodes.contains(digits.substring(0, length))) {
                // E.164: at most 15 digits with the country code; fewer than 8 is no subscriber number.
                if (digits.length() < 8 || digits.length() > 15) {
                    return refused("numéro international invalide (8 à 15 chiffres avec l'indicatif)");
                }
                return new OutboundVerdict.Allowed("+" + digits);
            }
        }
        return refused("appel international non autorisé" + (countryCodes.isEmpty() ? ""
                : " (indicatifs autorisés : " + String.join(", ", new TreeSet<>(countryCodes)) + ")"));
    }

    private OutboundVerdict national(String digits) {
        if (digits.length() != 10) {
            return refused("un numéro français a 10 chiffres");
        }
        char zone = digits.charAt(1);
        switch (zone) {
            case '1', '2', '3', '4', '5', '6', '7', '9' -> {
                String overseas = OVERSEAS_NATIONAL.get(digits.substring(0, 4));
                return new OutboundVerdict.Allowed(overseas == null ? "+33" + digits.substring(1)
                        : "+" + overseas + digits.substring(1));
            }
            case '8' -> {
                char third = digits.charAt(2);
                char fourth = digits.charAt(3);
                if (third == '0' && fourth <= '5') {
                    return freeNumbers ? new OutboundVerdict.Allowed("+33" + digits.substring(1))
                            : refused("numéro gratuit (0800 à 0805) non autorisé par la configuration");
                }
                if (third == '0') {
                    return refused("numéro spécial (0806 à 0809) non autorisé");
                }
                return refused("numéro surtaxé (081 à 089) : appel refusé");
            }
            default -> {
                return refused("numéro non attribué (00 n'est pas un préfixe de numéro français)");
            }
        }
    }

    private static OutboundVerdict shortNumber(String digits) {
        if (EMERGENCY.contains(digits) || (digits.startsWith("116") && digits.length() == 6)) {
            return refused("numéro d'urgence ou d'intérêt général : jamais appelé par Accueil");
        }
        if (digits.startsWith("118") && digits.length() == 6) {
            return refused("service de renseignements (118) surtaxé : appel refusé");
        }
        if (digits.startsWith("3") && digits.length() == 4) {
            return refused("numéro court (3BCD) à tarification spéciale : appel refusé");
        }
        if (digits.startsWith("10") && digits.length() == 4) {
            return refused("préfixe d'opérateur (10XY) refusé");
        }
        return refused("numéro court ou incomplet : un numéro français commence par 0 et a 10 chiffres");
    }

    private static OutboundVerdict refused(String reason) {
        return new OutboundVerdict.Refused(reason);
    }
}
