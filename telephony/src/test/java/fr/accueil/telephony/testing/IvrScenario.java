package fr.accueil.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Derives a SIPp IVR scenario for another menu path from {@code bench/sipp/ivr-call.xml} (or
 * {@code ivr-load.xml}): the block between the {@code digits:begin} and {@code digits:end} comments
 * presses one key with {@code dtmf_2833_1.pcap}; it is repeated once per digit with that digit's
 * capture and label. SIPp cannot take a pcap path from a variable, hence the rewrite. Stateless.
 */
public final class IvrScenario {

    private static final String BEGIN = "<!-- digits:begin -->";
    private static final String END = "<!-- digits:end -->";

    private IvrScenario() {
    }

    /** Writes {@code out}: {@code template} pressing {@code digits} (0-9, *, #) in order. */
    public static Path withDigits(Path template, String digits, Path out) {
        try {
            String xml = Files.readString(template);
            int begin = xml.indexOf(BEGIN);
            int end = xml.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(template + " has no " + BEGIN + " ... " + END + " block");
            }
            String block = xml.substring(begin + BEGIN.length(), end);
            StringBuilder presses = new StringBuilder();
            for (int i = 0; i < digits.length(); i++) {
                char d = digits.charAt(i);
                if (i > 0 && digits.charAt(i - 1) == d) {
                    // Same capture twice = same RTP timestamp = one event for an RFC 4733 receiver.
                    throw new IllegalArgumentException("same digit twice in a row is not distinguishable: " + digits);
                }
                String capture = switch (d) {
                    case '*' -> "star";
                    case '#' -> "pound";
                    default -> {
                        if (d < '0' || d > '9') {
                            throw new IllegalArgumentException("not a DTMF digit: " + d);
                        }
                        yield String.valueOf(d);
                    }
                };
                presses.append(block.replace("dtmf_2833_1.pcap", "dtmf_2833_" + capture + ".pcap")
                        .replace("digit_1_sent", "digit_" + i + "_sent"));
            }
            Files.writeString(out, xml.substring(0, begin) + presses + xml.substring(end + END.length()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
