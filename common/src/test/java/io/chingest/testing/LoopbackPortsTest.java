package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    @Test
    void freePortsAreDistinctAndBindable() {
        int[] ports = LoopbackPorts.freePorts(5);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
        assertThat(Arrays.stream(ports).allMatch(LoopbackPorts::isFree)).isTrue();
    }

    @Test
    void aListeningPortIsNotFreeAndIsListenedByThisProcess() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();

            assertThat(LoopbackPorts.isFree(port)).isFalse();
            assertThat(ListeningSockets.allListenedBy(ProcessHandle.current(), List.of(port)))
                    .isTrue();
        }
    }

    @Test
    void aPortNobodyListensOnIsNotListenedByThisProcess() {
        int port = LoopbackPorts.freePort();

        assertThat(ListeningSockets.allListenedBy(ProcessHandle.current(), List.of(port)))
                .isFalse();
    }

    @Test
    void aPortListenedByAnotherProcessIsNotOurs() throws Exception {
        int port = LoopbackPorts.freePort();
        Process other = new ProcessBuilder(
                        BuildLayout.javaExecutable(),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        PortHolder.class.getName(),
                        Integer.toString(port))
                .start();
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(other.getInputStream().read()).isEqualTo('L'); // listening
            assertThat(ListeningSockets.allListenedBy(other.toHandle(), List.of(port)))
                    .isTrue();
            assertThat(ListeningSockets.allListenedBy(unrelated.toHandle(), List.of(port)))
                    .isFalse();
        } finally {
            other.destroyForcibly().waitFor();
            unrelated.destroyForcibly().waitFor();
        }
    }

    /** Listens on the port in its first argument, writes 'L', and waits for end of input. */
    public static final class PortHolder {
        private PortHolder() {}

        public static void main(String[] args) throws Exception {
            ServerSocket socket = new ServerSocket(Integer.parseInt(args[0]), 1, InetAddress.getLoopbackAddress());
            try {
                System.out.write('L');
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the parent closes our input or kills us
                }
            } finally {
                socket.close();
            }
        }
    }
}
