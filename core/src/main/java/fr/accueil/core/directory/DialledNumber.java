package fr.accueil.core.directory;

import java.util.regex.Pattern;

/**
 * A number as citizens dial it: E.164 ({@code +33…}, overseas {@code +262…}, …) or a 4-digit short
 * number of the 3BCD family ({@code 3xxx}). National forms like {@code 01 23 45 67 89} are
 * normalised to E.164 by {@link #parse(String)}.
 */
public record DialledNumber(String value) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern SHORT_3BCD = Pattern.compile("3\\d{3}");

    public DialledNumber {
        if (value == null || !(E164.matcher(value).matches() || SHORT_3BCD.matcher(value).matches())) {
            throw new IllegalArgumentException("not an E.164 number (+33…) nor a 4-digit 3BCD number (3xxx): '" + value + "'");
        }
    }

    /** Accepts E.164, 3BCD, and French national forms with spaces, dots or dashes. */
    public static DialledNumber parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("number is missing");
        }
        String compact = text.replaceAll("[\\s.\\-()]", "");
        if (compact.matches("0[1-9]\\d{8}")) {
            compact = "+33" + compact.substring(1);
        }
        return new DialledNumber(compact);
    }

    public boolean isShortNumber() {
        return value.length() == 4;
    }

    @Override
    public String toString() {
        return value;
    }
}
