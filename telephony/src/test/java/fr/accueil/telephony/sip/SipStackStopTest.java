package fr.accueil.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.SipStack;
import org.junit.jupiter.api.Test;

/** JAIN-SIP's stop can throw when a UDP channel leaves its processor's list while the processor iterates it. */
class SipStackStopTest {
    @Test
    void a_stop_that_trips_on_the_channel_list_is_run_again_and_one_that_keeps_tripping_gives_up() {
        AtomicInteger once = new AtomicInteger();
        SipEndpoint.stopStack(stack(once, 1));
        assertThat(once).as("failed once, then stopped").hasValue(2);

        AtomicInteger always = new AtomicInteger();
        SipEndpoint.stopStack(stack(always, Integer.MAX_VALUE));
        assertThat(always).as("three tries, then a warning: shutting down goes on").hasValue(3);
    }

    /** A stack whose {@code stop} throws {@code failures} times, counting the calls. */
    private static SipStack stack(AtomicInteger stops, int failures) {
        return (SipStack) Proxy.newProxyInstance(SipStack.class.getClassLoader(), new Class<?>[] {SipStack.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("stop")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (stops.incrementAndGet() <= failures) {
                        throw new ConcurrentModificationException();
                    }
                    return null;
                });
    }
}
