package fr.accueil.server.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.ContactEvent;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type written as (type, JSON payload) and read back equal, without a database. */
class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    static Stream<ContactEvent> everyEventType() {
        return ContactJournalContract.everyEventType(Instant.parse("2026-11-27T08:00:00.123456789Z")).stream();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void each_event_type_round_trips_with_its_fields_and_nanoseconds(ContactEvent event) {
        String payload = codec.payload(event);
        assertThat(codec.read(event.type(), payload)).isEqualTo(event);
        assertThat(event.type().length()).as("fits the type column").isLessThanOrEqualTo(32);
    }

    @Test
    void a_callback_request_carries_no_phone_number() {
        String payload = codec.payload(new ContactEvent.CallbackRequested(Instant.EPOCH, "caf-prestations", false));
        assertThat(payload).doesNotContainPattern("\\d{6,}").contains("\"sameNumber\":false");
    }

    @Test
    void an_unknown_type_is_refused_by_name() {
        assertThatThrownBy(() -> codec.read("teleported", "{}")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'teleported'");
    }

    @Test
    void a_payload_missing_a_required_field_is_refused() {
        String menu = codec.payload(new ContactEvent.MenuEntered(Instant.EPOCH, "main"));
        assertThatThrownBy(() -> codec.read("agent-no-answer", menu)).isInstanceOf(RuntimeException.class);
    }
}
