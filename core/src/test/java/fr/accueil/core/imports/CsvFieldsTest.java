package fr.accueil.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvFieldsTest {

    @Test
    void splitsQuotedAndUnquotedFields() {
        assertThat(CsvFields.split("\"a\",b,,\"c,d\",\"say \"\"bonjour\"\"\",\"\""))
                .containsExactly("a", "b", "", "c,d", "say \"bonjour\"", "");
    }

    @Test
    void keepsEmptyFieldsAtBothEnds() {
        assertThat(CsvFields.split(",x,")).containsExactly("", "x", "");
        assertThat(CsvFields.split("")).containsExactly("");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"abc|unterminated quote in field 1",
            "a,\"b\"c|text after the closing quote of field 2",
            "a,b\"c|quote inside unquoted field 2",
            "\"a\"\"|unterminated quote in field 1"})
    void rejectsMalformedQuoting(String line, String reason) {
        assertThatThrownBy(() -> CsvFields.split(line)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }
}
