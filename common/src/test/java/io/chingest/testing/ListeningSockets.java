package io.chingest.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tells from Linux's /proc whether a process (or one of its descendants) is the one listening on a TCP port.
 * A service's own protocol probe alone could be answered by a foreign server that already held the port.
 * Stateless and thread-safe.
 */
public final class ListeningSockets {
    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {}

    /** True when every port in {@code ports} is in LISTEN state on a socket owned by {@code process} or a descendant. */
    public static boolean allListenedBy(ProcessHandle process, List<Integer> ports) {
        Set<String> ownedSockets = socketInodesOf(process);
        for (int port : ports) {
            Set<String> listening = listeningInodes(port);
            if (listening.stream().noneMatch(ownedSockets::contains)) {
                return false;
            }
        }
        return true;
    }

    /** Inodes of the sockets in LISTEN state on {@code port} (IPv4 and IPv6 tables). */
    static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // fields: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length > 9 && fields[3].equals(LISTEN_STATE) && fields[1].endsWith(":" + hexPort)) {
                    inodes.add(fields[9]);
                }
            }
        }
        return inodes;
    }

    private static Set<String> socketInodesOf(ProcessHandle process) {
        List<ProcessHandle> family;
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            family = Stream.concat(Stream.of(process), descendants).collect(Collectors.toList());
        }
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle member : family) {
            Path fds = Path.of("/proc", Long.toString(member.pid()), "fd");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
                for (Path fd : entries) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException e) {
                        // the descriptor was closed while we listed it
                    }
                }
            } catch (IOException e) {
                // the process exited while we looked
            }
        }
        return inodes;
    }
}
