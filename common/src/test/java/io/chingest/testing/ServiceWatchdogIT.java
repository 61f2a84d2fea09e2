package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Services started by a test JVM die with it even when it is killed with SIGKILL (no shutdown hook runs then):
 * a separate JVM starts all three, the test kills it with SIGKILL and waits for each service process to exit.
 */
class ServiceWatchdogIT {
    private static final Duration HOLDER_START = Duration.ofMinutes(4);
    /** Kafka's stop grace (SIGTERM, then SIGKILL) plus a margin. */
    private static final Duration SERVICES_GONE = KafkaBroker.STOP_GRACE.plusSeconds(15);

    @Test
    void servicesOfAJvmKilledWithSigkillExit() throws Exception {
        Process holder = new ProcessBuilder(
                        BuildLayout.javaExecutable(),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        ServiceHolder.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Long> pids;
        try {
            pids = CompletableFuture.supplyAsync(() -> readPids(holder))
                    .get(HOLDER_START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            holder.destroyForcibly();
            throw e;
        }
        assertThat(pids).containsOnlyKeys("kafka", "schema-registry", "clickhouse");
        List<ProcessHandle> services = new ArrayList<>();
        pids.values().forEach(pid -> services.add(ProcessHandle.of(pid).orElseThrow()));

        holder.destroyForcibly(); // SIGKILL
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).isEqualTo(137);

        for (ProcessHandle service : services) {
            Poll.until(
                    SERVICES_GONE,
                    "service process " + service.pid() + " exits after its JVM was killed",
                    () -> !service.isAlive());
        }
        deleteRecursively(
                Path.of(System.getProperty("java.io.tmpdir"), "chingest-test-services", "jvm-" + holder.pid()));
    }

    /** Reads "name pid" lines up to "ready" from the holder's standard output. */
    private static Map<String, Long> readPids(Process holder) {
        Map<String, Long> pids = new LinkedHashMap<>();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null && !line.equals("ready"); line = lines.readLine()) {
                String[] parts = line.split(" ");
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the service holder's output", e);
        }
        return pids;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * A JVM that starts the three test services, prints their pids, then waits to be killed; it ends by itself
     * when its standard input closes, so that it cannot outlive a test JVM that dies first.
     */
    public static final class ServiceHolder {
        private ServiceHolder() {}

        public static void main(String[] args) throws IOException {
            TestServices.startInBackground(KafkaBroker.class);
            TestServices.startInBackground(SchemaRegistry.class);
            TestServices.startInBackground(ClickHouseServer.class);
            for (LocalService service :
                    List.of(TestServices.kafka(), TestServices.schemaRegistry(), TestServices.clickHouse())) {
                System.out.println(service.name() + " " + service.pid());
            }
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for end of input or SIGKILL
            }
            System.exit(0);
        }
    }
}
