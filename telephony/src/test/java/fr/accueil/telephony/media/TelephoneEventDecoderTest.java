package fr.accueil.telephony.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelephoneEventDecoderTest {
    private final List<Character> digits = new ArrayList<>();
    private final TelephoneEventDecoder decoder = new TelephoneEventDecoder(digits::add);
    private long now;

    private void event(int timestamp, int event, boolean end) {
        now += 20_000_000L;
        decoder.onEvent(timestamp, event, end, now);
    }

    private void sippStyle(int timestamp, int event) {
        for (int i = 0; i < 7; i++) {
            event(timestamp, event, false);
        }
        for (int i = 0; i < 3; i++) {
            event(timestamp, event, true);
        }
    }

    @Test
    void reportsOnceAtTheFirstEndPacket() {
        for (int i = 0; i < 7; i++) {
            event(1000, 5, false);
        }
        assertThat(digits).isEmpty();
        event(1000, 5, true);
        assertThat(digits).containsExactly('5');
        event(1000, 5, true);
        event(1000, 5, true);
        assertThat(digits).containsExactly('5');
    }

    @Test
    void mapsStarPoundAndLetters() {
        sippStyle(1, 10);
        sippStyle(2, 11);
        sippStyle(3, 0);
        sippStyle(4, 12);
        sippStyle(5, 15);
        sippStyle(6, 16);  // flash and above: not a digit
        assertThat(digits).containsExactly('*', '#', '0', 'A', 'D');
    }

    @Test
    void sameDigitTwiceWithNewTimestampsCountsTwice() {
        sippStyle(8000, 1);
        sippStyle(16000, 1);
        sippStyle(24000, 2);
        assertThat(digits).containsExactly('1', '1', '2');
    }

    @Test
    void senderWithoutEndBitIsReportedWhenTheNextEventStarts() {
        for (int i = 0; i < 5; i++) {
            event(100, 3, false);
        }
        assertThat(digits).isEmpty();
        event(900, 4, false);
        assertThat(digits).containsExactly('3');
    }

    @Test
    void senderWithoutEndBitIsReportedAfterASilenceGap() {
        for (int i = 0; i < 5; i++) {
            event(100, 7, false);
        }
        decoder.onOtherPacket(now + 100_000_000L);  // audio soon after: the key may still be down
        assertThat(digits).isEmpty();
        decoder.onOtherPacket(now + TelephoneEventDecoder.END_GAP_NANOS + 1);
        assertThat(digits).containsExactly('7');
        decoder.onOtherPacket(now + 2 * TelephoneEventDecoder.END_GAP_NANOS);
        event(100, 7, true);  // a late end packet of the same event
        assertThat(digits).containsExactly('7');
    }
}
