package fr.accueil.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digits sent as RFC 4733 events by one session and decoded by another, over loopback UDP. */
class SendDigitTest {
    private MediaEngine engine;
    private RtpMediaSession caller;
    private RtpMediaSession callee;

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(MediaEngineTest.settings(10));
        caller = engine.open("caller");
        callee = engine.open("callee");
        caller.acceptAnswer(callee.answer(caller.offer()));
    }

    @AfterEach
    void stop() {
        caller.close();
        callee.close();
        engine.close();
    }

    @Test
    void eachDigitArrivesOnceEvenWhenRepeated() throws Exception {
        caller.sendDigit('9');
        caller.sendDigit('9');
        caller.sendDigit('#');

        assertThat(callee.nextDigit(Duration.ofSeconds(2))).contains('9');
        assertThat(callee.nextDigit(Duration.ofSeconds(2))).contains('9');
        assertThat(callee.nextDigit(Duration.ofSeconds(2))).contains('#');
        assertThat(callee.nextDigit(Duration.ofMillis(300))).isEmpty();  // end-packet copies are not digits
    }

    @Test
    void refusesWhatIsNotADigitAndAClosedSession() {
        assertThatThrownBy(() -> caller.sendDigit('x')).isInstanceOf(IllegalArgumentException.class);
        caller.close();
        assertThatThrownBy(() -> caller.sendDigit('1')).isInstanceOf(MediaClosedException.class);
    }

    @Test
    void refusesBeforeAnyNegotiation() throws Exception {
        try (RtpMediaSession fresh = engine.open("fresh")) {
            assertThatThrownBy(() -> fresh.sendDigit('1')).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("telephone-event");
        }
    }
}
