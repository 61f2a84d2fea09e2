package io.chingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes that arrived at a local TCP port and that its server has not read yet, from the kernel's own tables
 * ({@code /proc/net/tcp} and {@code tcp6}, column rx_queue). With the server frozen this is how a test knows that a
 * client's request is wholly sent and waiting: the moment an insert is "in flight". Stateless.
 */
public final class TcpQueues {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpQueues() {}

    /** The sum of unread bytes over every connection whose local port is {@code port}. */
    public static long unreadBytesAt(int port) {
        long total = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
            for (String line : lines.subList(1, lines.size())) {
                total += unreadIfLocalPort(line.trim().split("\\s+"), port);
            }
        }
        return total;
    }

    /** Fields: sl, local address:port, remote address:port, state, tx_queue:rx_queue, ... (ports and queues in hex). */
    static long unreadIfLocalPort(String[] fields, int port) {
        if (fields.length < 5) {
            return 0;
        }
        String local = fields[1];
        int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
        if (localPort != port) {
            return 0;
        }
        String queues = fields[4];
        return Long.parseLong(queues.substring(queues.indexOf(':') + 1), 16);
    }
}
