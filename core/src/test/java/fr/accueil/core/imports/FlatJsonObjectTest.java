package fr.accueil.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatJsonObjectTest {

    @Test
    void readsStringsEscapesAndScalars() {
        Map<String, String> m = FlatJsonObject.parse(
                " { \"a\" : \"x\", \"b\":\"l\\u00e9a \\\"q\\\" \\\\ \\/ \\n\", \"n\": 12.5e3, \"t\":true, \"z\":null } ");
        assertThat(m).containsExactly(Map.entry("a", "x"), Map.entry("b", "léa \"q\" \\ / \n"),
                Map.entry("n", "12.5e3"), Map.entry("t", "true"));
        assertThat(FlatJsonObject.parse("{}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":\"x\"|JSON: truncated object at offset 8",
            "{\"a\":{\"b\":\"c\"}}|JSON: nested objects and arrays are not supported at offset 5",
            "{\"a\":[1]}|JSON: nested objects and arrays are not supported at offset 5",
            "{\"a\":\"x}|JSON: unterminated string at offset 8",
            "{\"a\":nope}|JSON: bad value at offset 5",
            "{\"a\":\"\\q\"}|JSON: bad escape at offset 7",
            "{\"a\":\"x\"} trailing|JSON: text after the object at offset 10",
            "[1]|JSON: expected '{' at offset 0"})
    void rejectsWhatIsNotAFlatObject(String text, String reason) {
        assertThatThrownBy(() -> FlatJsonObject.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }
}
