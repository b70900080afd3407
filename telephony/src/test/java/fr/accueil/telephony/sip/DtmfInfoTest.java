package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfInfoTest {

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            application/dtmf-relay | Signal=5\\r\\nDuration=160\\r\\n | 5
            application/dtmf-relay | signal = *\\nDuration=100       | *
            application/dtmf-relay | Signal=11\\r\\nDuration=100      | #
            application/dtmf-relay | Signal=10\\r\\nDuration=100      | *
            APPLICATION/DTMF-RELAY | Signal=0                        | 0
            application/dtmf       | #                               | #
            application/dtmf       | 9\\r\\n                         | 9
            """)
    void readsTheDigit(String type, String body, char digit) {
        assertThat(DtmfInfo.digitOf(type, unescape(body))).contains(Optional.of(digit));
    }

    @ParameterizedTest(name = "{0} [{1}] -> taken, no digit")
    @CsvSource(delimiter = '|', textBlock = """
            application/dtmf-relay | Duration=160
            application/dtmf-relay | Signal=A
            application/dtmf-relay | Signal=12
            application/dtmf       | 55
            """)
    void takesKnownTypesWithoutAUsableDigit(String type, String body) {
        assertThat(DtmfInfo.digitOf(type, body)).contains(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/sdp", "audio/telephone-event"})
    void refusesOtherTypes(String type) {
        assertThat(DtmfInfo.digitOf(type, "Signal=5")).isEmpty();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
