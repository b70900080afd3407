package fr.accueil.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table tests of the numbers Accueil may call out to, and the French reason of every refusal. */
class FrenchOutboundPolicyTest {
    private final FrenchOutboundPolicy policy = FrenchOutboundPolicy.defaults();

    private static OutboundVerdict.Allowed allowed(OutboundVerdict verdict) {
        assertThat(verdict).isInstanceOf(OutboundVerdict.Allowed.class);
        return (OutboundVerdict.Allowed) verdict;
    }

    private static String refusal(OutboundVerdict verdict) {
        assertThat(verdict).isInstanceOf(OutboundVerdict.Refused.class);
        return ((OutboundVerdict.Refused) verdict).reason();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0123456789           | +33123456789
            01 23 45 67 89       | +33123456789
            01.23.45.67.89       | +33123456789
            01-23-45-67-89       | +33123456789
            '  01 23 45 67 89  ' | +33123456789
            0223456789           | +33223456789
            03 20 00 00 00       | +33320000000
            04 72 00 00 00       | +33472000000
            05 61 00 00 00       | +33561000000
            06 12 34 56 78       | +33612345678
            07 81 23 45 67       | +33781234567
            09 70 12 34 56       | +33970123456
            +33123456789         | +33123456789
            +33 1 23 45 67 89    | +33123456789
            +33 6 12 34 56 78    | +33612345678
            +33 (0)1 23 45 67 89 | +33123456789
            +33 01 23 45 67 89   | +33123456789
            0033 1 23 45 67 89   | +33123456789
            0033123456789        | +33123456789
            00 33 6 12 34 56 78  | +33612345678
            0800 123 456         | +33800123456
            0 805 12 34 56       | +33805123456
            +33 800 12 34 56     | +33800123456
            """)
    void metropolitanNumbersAreAllowedInE164(String number, String e164) {
        assertThat(allowed(policy.check(number)).e164()).isEqualTo(e164);
    }

    @Test
    void frenchTypographicSpacesAreSeparatorsToo() {
        assertThat(allowed(policy.check("01\u00a023\u202f45 67 89")).e164()).isEqualTo("+33123456789");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +262 262 12 34 56    | +262262123456
            +262 692 12 34 56    | +262692123456
            00262 692 12 34 56   | +262692123456
            0262 12 34 56        | +262262123456
            0269 61 23 45        | +262269612345
            0639 12 34 56        | +262639123456
            0692 12 34 56        | +262692123456
            +33 262 12 34 56     | +262262123456
            +590 590 12 34 56    | +590590123456
            0590 12 34 56        | +590590123456
            0690 12 34 56        | +590690123456
            +594 594 12 34 56    | +594594123456
            0694 12 34 56        | +594694123456
            +596 596 12 34 56    | +596596123456
            0696 12 34 56        | +596696123456
            +269 321 23 45       | +2693212345
            +508 41 23 45        | +508412345
            +681 72 12 34        | +681721234
            +687 28 12 34        | +687281234
            +689 40 12 34 56     | +68940123456
            """)
    void overseasDepartmentsAndTerritoriesAreFrenchAndKeepTheirCountryCode(String number, String e164) {
        assertThat(allowed(policy.check(number)).e164()).isEqualTo(e164);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0810 12 34 56        | numéro surtaxé
            0820 00 00 00        | numéro surtaxé
            0825 00 00 00        | numéro surtaxé
            0836 00 00 00        | numéro surtaxé
            0891 00 00 00        | numéro surtaxé
            0899 12 34 56        | numéro surtaxé
            +33 899 12 34 56     | numéro surtaxé
            0033 899 12 34 56    | numéro surtaxé
            0806 00 00 00        | numéro spécial (0806 à 0809)
            0809 10 00 00        | numéro spécial (0806 à 0809)
            3939                 | numéro court (3BCD)
            3646                 | numéro court (3BCD)
            3230                 | numéro court (3BCD)
            118 712              | renseignements (118)
            118218               | renseignements (118)
            1016                 | préfixe d'opérateur (10XY)
            1055                 | préfixe d'opérateur (10XY)
            15                   | numéro d'urgence
            17                   | numéro d'urgence
            18                   | numéro d'urgence
            112                  | numéro d'urgence
            114                  | numéro d'urgence
            115                  | numéro d'urgence
            119                  | numéro d'urgence
            191                  | numéro d'urgence
            196                  | numéro d'urgence
            197                  | numéro d'urgence
            116 000              | numéro d'urgence
            116117               | numéro d'urgence
            +33 112              | 9 après +33
            +33 15               | 9 après +33
            01 23 45 67 8        | 10 chiffres
            01 23 45 67 89 0     | 10 chiffres
            0 1                  | 10 chiffres
            1234567890           | commence par 0 et a 10 chiffres
            12                   | commence par 0 et a 10 chiffres
            +33 1 23 45 67       | 9 après +33
            +33 1 23 45 67 89 01 | 9 après +33
            0033 1 23            | 9 après +33
            0012345678           | appel international non autorisé
            +32 2 123 45 67      | appel international non autorisé
            0032 2 123 45 67     | appel international non autorisé
            +1 212 555 0100      | appel international non autorisé
            +44 20 7946 0000     | appel international non autorisé
            +882 1234 5678       | appel international non autorisé
            +262 262 12 34       | outre-mer incomplet
            +590 590 12 34 56 7  | outre-mer incomplet
            +689 40 12 34        | outre-mer incomplet
            sip:0123456789@trunk.example | adresse SIP
            sips:agent@accueil.example   | adresse SIP
            tel:+33123456789     | adresse SIP ou URI
            0123456789@10.0.0.1  | adresse SIP ou URI
            agent-7              | lettres
            0800 FLEURS          | lettres
            O1 23 45 67 89       | lettres
            ０１２３４５６７８９ | caractère non autorisé
            01 23 45 67 89#      | caractère non autorisé
            *31#0123456789       | caractère non autorisé
            (01) 23 45 67 89     | caractère non autorisé
            +33 1 23 45 67 8x    | lettres
            ++33123456789        | caractère non autorisé
            +                    | numéro incomplet
            00                   | numéro incomplet
            """)
    void refusedFormsCarryTheirFrenchReason(String number, String reason) {
        assertThat(refusal(policy.check(number))).contains(reason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void anEmptyNumberIsRefused(String number) {
        assertThat(refusal(policy.check(number))).isEqualTo("numéro vide");
    }

    @Test
    void anOverlongInputIsRefusedBeforeParsing() {
        assertThat(refusal(policy.check("0".repeat(FrenchOutboundPolicy.MAX_LENGTH + 1)))).isEqualTo("numéro trop long");
    }

    @Test
    void freeNumbersCanBeTurnedOff() {
        var noFree = new FrenchOutboundPolicy(false, Set.of());
        assertThat(refusal(noFree.check("0800 123 456"))).contains("numéro gratuit (0800 à 0805) non autorisé");
        assertThat(refusal(noFree.check("+33 805 12 34 56"))).contains("numéro gratuit");
        assertThat(allowed(noFree.check("01 23 45 67 89")).e164()).isEqualTo("+33123456789");
    }

    @Test
    void internationalNumbersAreAllowedOnlyForConfiguredCountryCodes() {
        var withNeighbours = new FrenchOutboundPolicy(true, Set.of("32", "41", "1"));
        assertThat(allowed(withNeighbours.check("+32 2 123 45 67")).e164()).isEqualTo("+3221234567");
        assertThat(allowed(withNeighbours.check("0041 22 123 45 67")).e164()).isEqualTo("+41221234567");
        assertThat(allowed(withNeighbours.check("+1 212-555-0100")).e164()).isEqualTo("+12125550100");
        assertThat(refusal(withNeighbours.check("+44 20 7946 0000")))
                .isEqualTo("appel international non autorisé (indicatifs autorisés : 1, 32, 41)");
        assertThat(refusal(withNeighbours.check("+32 12"))).contains("8 à 15 chiffres");
        assertThat(refusal(withNeighbours.check("+32 1234 5678 9012 3456"))).contains("8 à 15 chiffres");
        // Configuring a country does not open French premium numbers.
        assertThat(refusal(withNeighbours.check("+33 899 12 34 56"))).contains("surtaxé");
    }

    @Test
    void aCountryCodeMustBeOneToThreeDigits() {
        assertThatThrownBy(() -> new FrenchOutboundPolicy(true, Set.of("0032")))
                .hasMessageContaining("1 to 3 digits").hasMessageContaining("0032");
        assertThatThrownBy(() -> new FrenchOutboundPolicy(true, Set.of("be"))).hasMessageContaining("'be'");
    }
}
