package fr.accueil.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.accueil.core.contact.Channel;
import fr.accueil.core.contact.Contact;
import fr.accueil.core.contact.ContactId;
import fr.accueil.core.contact.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FrontDoorFactsTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static Contact ended(Outcome outcome) {
        return new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "0140000000", "pseudo", START,
                Optional.of(START.plusSeconds(42)), Optional.of(outcome), List.of());
    }

    @Test
    void mapsEachFrontDoorOutcome() {
        assertThat(FrontDoorFacts.of(ended(Outcome.CLOSED_HOURS)).inOpeningHours()).isFalse();
        assertThat(FrontDoorFacts.of(ended(Outcome.SELF_SERVICE_COMPLETED)).selfServiceCompleted()).isTrue();
        assertThat(FrontDoorFacts.of(ended(Outcome.ABANDONED_IN_IVR)).abandonment())
                .contains(new Abandonment(Abandonment.Place.IVR, Duration.ofSeconds(42)));
        assertThat(FrontDoorFacts.of(ended(Outcome.NO_INPUT)).abandonment()).isPresent();
        assertThat(FrontDoorFacts.of(ended(Outcome.REFUSED_AT_CAPACITY)).refusedAtCapacity()).isTrue();
        assertThat(FrontDoorFacts.of(ended(Outcome.TRANSFERRED)).transferred()).isTrue();
        ContactFacts failed = FrontDoorFacts.of(ended(Outcome.FAILED));
        assertThat(failed.inOpeningHours()).isTrue();
        assertThat(failed.abandonment()).isEmpty();
        assertThat(failed.sourceKey()).startsWith("accueil:");
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void noFrontDoorContactIsPresentedToAnAgentYet(Outcome outcome) {
        ContactFacts f = FrontDoorFacts.of(ended(outcome));
        assertThat(f.enteredQueueOrAskedAgent()).isFalse();
        assertThat(f.connectedToAgent()).isFalse();
        assertThat(f.administration()).isEqualTo("caf");
        assertThat(f.number()).isEqualTo("0140000000");
    }

    @Test
    void refusesAContactInProgress() {
        var open = new Contact(ContactId.random(), Channel.PHONE, "caf", "accueil", "01", "p", START,
                Optional.empty(), Optional.empty(), List.of());
        assertThatThrownBy(() -> FrontDoorFacts.of(open)).hasMessageContaining("in progress");
    }
}
