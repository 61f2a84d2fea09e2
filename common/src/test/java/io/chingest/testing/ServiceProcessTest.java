package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch, readiness, stop and pid-file behaviour of service processes, with small shell commands as services. */
class ServiceProcessTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void startReturnsOnceTheProbeSaysReadyAndStopEndsTheProcess() throws Exception {
        ServiceProcess process = ServiceProcess.start(
                spec(List.of("sleep", "600"), () -> true, Duration.ofSeconds(10)), ServiceLifetime.TIED_TO_JVM);
        ProcessHandle service = ProcessHandle.of(process.pid()).orElseThrow();
        assertThat(service.info().command())
                .hasValueSatisfying(command -> assertThat(command).endsWith("sleep"));
        assertThat(Files.readString(directory.resolve("sleeper.pid")).trim()).isEqualTo(Long.toString(process.pid()));

        process.stop();

        assertThat(service.onExit()
                        .get(GONE_WITHIN.toSeconds(), TimeUnit.SECONDS)
                        .isAlive())
                .isFalse();
        assertThat(process.isAlive()).isFalse();
        assertThat(directory.resolve("sleeper.pid")).doesNotExist();
    }

    @Test
    void aServiceThatExitsBeforeItIsReadyFailsWithItsExitCodeAndLogLines() {
        ServiceSpec spec = spec(
                List.of("bash", "-c", "echo 'cannot open the data directory'; exit 3"),
                () -> false,
                Duration.ofSeconds(30));

        assertThatThrownBy(() -> ServiceProcess.start(spec, ServiceLifetime.TIED_TO_JVM))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("sleeper exited with code 3 before it served at test-address")
                .hasMessageContaining("--- last lines of " + directory.resolve("sleeper.log") + ":")
                .hasMessageContaining("cannot open the data directory");
    }

    @Test
    void aServiceThatNeverBecomesReadyIsKilledAtTheDeadline() throws Exception {
        ServiceSpec spec = spec(List.of("sleep", "600"), () -> false, Duration.ofSeconds(1));

        assertThatThrownBy(() -> ServiceProcess.start(spec, ServiceLifetime.TIED_TO_JVM))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("sleeper did not become ready at test-address within 1 s"
                        + " (readiness check answered not ready)");

        assertThat(directory.resolve("sleeper.pid")).doesNotExist();
        Poll.until(
                GONE_WITHIN,
                "no process left in " + directory,
                () -> processesIn(directory).isEmpty());
    }

    @Test
    void aServiceThatIgnoresSigtermIsKilledAfterItsGracePeriod() throws Exception {
        ServiceSpec spec = new ServiceSpec(
                "sleeper",
                "test-address",
                directory,
                List.of("bash", "-c", "trap '' TERM; while :; do sleep 0.1; done"),
                directory.resolve("sleeper.log"),
                List.of(directory.resolve("sleeper.log")),
                List.of(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                () -> true);
        ServiceProcess process = ServiceProcess.start(spec, ServiceLifetime.TIED_TO_JVM);
        ProcessHandle service = ProcessHandle.of(process.pid()).orElseThrow();

        process.stop();

        assertThat(service.onExit()
                        .get(GONE_WITHIN.toSeconds(), TimeUnit.SECONDS)
                        .isAlive())
                .isFalse();
    }

    @Test
    void aPortInUseIsReportedBeforeLaunching() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceSpec spec = new ServiceSpec(
                    "sleeper",
                    "test-address",
                    directory,
                    List.of("sleep", "600"),
                    directory.resolve("sleeper.log"),
                    List.of(),
                    List.of(taken.getLocalPort()),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    () -> true);

            assertThatThrownBy(() -> ServiceProcess.start(spec, ServiceLifetime.TIED_TO_JVM))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessage("cannot start sleeper at test-address: port 127.0.0.1:" + taken.getLocalPort()
                            + " is already in use by another process");
        }
        assertThat(directory.resolve("sleeper.log")).doesNotExist();
    }

    @Test
    void aDetachedServiceIsFoundAgainByItsPidFileAndStopped() throws Exception {
        ServiceSpec spec = spec(
                List.of("bash", "-c", "while :; do sleep 1; done", directory.toString()),
                () -> true,
                Duration.ofSeconds(10));
        ServiceProcess started = ServiceProcess.start(spec, ServiceLifetime.DETACHED);
        ProcessHandle service = ProcessHandle.of(started.pid()).orElseThrow();

        Optional<ServiceProcess> attached = ServiceProcess.attach(spec);
        assertThat(attached)
                .hasValueSatisfying(process -> assertThat(process.pid()).isEqualTo(started.pid()));
        attached.orElseThrow().stop();

        assertThat(service.onExit()
                        .get(GONE_WITHIN.toSeconds(), TimeUnit.SECONDS)
                        .isAlive())
                .isFalse();
        assertThat(ServiceProcess.attach(spec)).isEmpty();
        assertThat(directory.resolve("sleeper.pid")).doesNotExist();
    }

    @Test
    void aPidFileOfAnotherProcessOrOfADeadOneIsNotAttached() throws Exception {
        ServiceSpec spec = spec(List.of("sleep", "600"), () -> true, Duration.ofSeconds(10));
        Files.writeString(spec.pidFile(), ProcessHandle.current().pid() + "\n");
        assertThat(ServiceProcess.attach(spec)).isEmpty();

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(spec.pidFile(), finished.pid() + "\n");
        assertThat(ServiceProcess.attach(spec)).isEmpty();

        Files.writeString(spec.pidFile(), "not a pid\n");
        assertThat(ServiceProcess.attach(spec)).isEmpty();
    }

    private ServiceSpec spec(List<String> command, ReadinessProbe probe, Duration startTimeout) {
        Path log = directory.resolve("sleeper.log");
        return new ServiceSpec(
                "sleeper",
                "test-address",
                directory,
                command,
                log,
                List.of(log),
                List.of(),
                startTimeout,
                Duration.ofSeconds(5),
                probe);
    }

    /** Live processes whose working directory is {@code directory}. */
    private static List<ProcessHandle> processesIn(Path directory) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                                .equals(directory.toRealPath());
                    } catch (IOException e) {
                        return false;
                    }
                })
                .toList();
    }
}
