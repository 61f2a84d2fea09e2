package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ClickHouse server that dies while starting is reported with its exit code and its own error lines. */
class ClickHouseStartFailureIT {
    @TempDir
    Path directory;

    @Test
    void aServerThatCannotBindItsSecondPortFailsWithTheServersMessage() {
        int port = LoopbackPorts.freePort();
        // both listeners on one port: the pre-launch check passes, the server itself fails to bind the second
        ClickHouseServer server = new ClickHouseServer(directory, port, port, ServiceLifetime.TIED_TO_JVM);

        assertThatThrownBy(server::start)
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("clickhouse exited with code ")
                .hasMessageContaining("before it served at http://127.0.0.1:" + port)
                .hasMessageContaining("--- last lines of " + directory.resolve("clickhouse-server.err.log") + ":")
                .hasMessageContaining("Address already in use: 127.0.0.1:" + port);
        assertThat(server.isRunning()).isFalse();
        assertThat(server.pid()).isEqualTo(-1);
    }
}
