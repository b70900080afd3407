package fr.accueil.telephony.media;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPortPoolTest {

    @Test
    void handsOutEvenPortsWhoseRtcpPortFitsTheRange() throws Exception {
        RtpPortPool pool = new RtpPortPool(10000, 10009);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < pool.capacity(); i++) {
            ports.add(pool.allocate());
        }
        assertThat(ports).containsExactlyInAnyOrder(10000, 10002, 10004, 10006, 10008);
        assertThatThrownBy(pool::allocate).isInstanceOf(MediaUnavailableException.class);
    }

    @Test
    void lastEvenPortNeedsItsOddCompanion() {
        assertThat(new RtpPortPool(10000, 10008).capacity()).isEqualTo(4);
        assertThatThrownBy(() -> new RtpPortPool(10000, 10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasedPortsComeBackAndDoubleReleaseIsHarmless() throws Exception {
        RtpPortPool pool = new RtpPortPool(20000, 20003);
        int a = pool.allocate();
        int b = pool.allocate();
        assertThat(pool.free()).isZero();
        assertThat(pool.release(a)).isTrue();
        assertThat(pool.release(a)).isFalse();
        assertThat(pool.allocate()).isEqualTo(a);
        assertThatThrownBy(() -> pool.release(19998)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.release(b + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rotatesSoThatAJustReleasedPortIsReusedLast() throws Exception {
        RtpPortPool pool = new RtpPortPool(30000, 30007);
        int first = pool.allocate();
        pool.release(first);
        assertThat(pool.allocate()).isNotEqualTo(first);
    }
}
