package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the kernel's socket table lines: only the given local port counts, and rx_queue is hex. */
class TcpQueuesTest {

    @Test
    void countsTheReceiveQueueOfConnectionsOnTheLocalPortOnly() {
        String[] onPort = "0: 0100007F:1F90 0100007F:D2F4 01 00000000:0000C350 00:00000000 00000000 0 0 1 1".split(" ");
        String[] otherPort =
                "1: 0100007F:1F91 0100007F:D2F4 01 00000000:0000C350 00:00000000 00000000 0 0 1 1".split(" ");
        assertThat(TcpQueues.unreadIfLocalPort(onPort, 0x1F90)).isEqualTo(50_000);
        assertThat(TcpQueues.unreadIfLocalPort(otherPort, 0x1F90)).isZero();
    }
}
