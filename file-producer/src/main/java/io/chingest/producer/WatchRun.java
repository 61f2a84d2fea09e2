package io.chingest.producer;

import io.chingest.common.availability.AvailabilityWait;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.metrics.PrometheusEndpoint;
import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.publish.TransactionalSink;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectsFile;
import io.chingest.producer.watch.SpoolDirectory;
import io.chingest.producer.watch.WatchCounters;
import io.chingest.producer.watch.WatcherLock;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * One {@code watch} process: holds its watcher id, connects to Kafka once, then claims files from the spool directory
 * one at a time and sends each exactly as {@code send} does, moving it to done/ or failed/ afterwards. A file whose
 * chunk Kafka did not commit stays in processing/ and is retried after the poll interval. Runs on the caller's thread
 * until {@link #requestStop()}, which may be called from any thread (SIGTERM): the open chunk is committed, the file
 * stays in processing/ for the next start, the summary is printed.
 */
public final class WatchRun {

    private final WatchSettings settings;
    private final PrintWriter err;
    private final WatchCounters counters = new WatchCounters();
    private final Object wakeUp = new Object();
    private volatile boolean stopRequested;
    /** Why Kafka is unavailable while the watcher waits for it, for /health; null otherwise. */
    private volatile String unavailable;

    public WatchRun(WatchSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    public void requestStop() {
        stopRequested = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    public WatchCounters counters() {
        return counters;
    }

    /** Runs until stopped; returns the exit code. */
    public int execute() {
        SpoolDirectory spool =
                new SpoolDirectory(settings.spool(), settings.watcherId(), settings.quietPeriod(), Clock.systemUTC());
        try {
            spool.createDirectories();
        } catch (IOException e) {
            err.println("cannot create the spool directories in " + settings.spool() + ": " + e);
            return ExitCodes.FAILED;
        }
        try (WatcherLock lock = WatcherLock.acquire(settings.spool(), settings.watcherId());
                PrometheusEndpoint metrics = startMetrics();
                KafkaConnection kafka = connect()) {
            if (kafka == null) {
                return stopRequested ? ExitCodes.OK : ExitCodes.FAILED;
            }
            err.println("file-producer watch: watching " + settings.spool().resolve("incoming") + " as '"
                    + lock.watcherId() + "'" + (metrics == null ? "" : ", metrics on port " + metrics.port()));
            err.flush();
            return watch(spool, kafka);
        } catch (ServiceUnavailableException e) {
            err.println(KafkaConnection.withCauses(e));
            return ExitCodes.SERVICE_UNAVAILABLE;
        } catch (IllegalStateException | UncheckedIOException | KafkaException e) {
            err.println(KafkaConnection.withCauses(e));
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("file-producer watch: " + e);
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        } finally {
            err.println("file-producer watch: stopped; " + counters.summary());
            err.flush();
        }
    }

    private int watch(SpoolDirectory spool, KafkaConnection kafka) throws IOException, InterruptedException {
        RejectsFile rejectsFile = new RejectsFile(settings.send().rejectsDirectory());
        try (Quarantine quarantine =
                new Quarantine(List.of(new PrintedRows(err, SendRun.PRINTED_BAD_ROWS_PER_FILE), rejectsFile))) {
            while (!stopRequested) {
                Optional<Path> next = spool.next();
                if (next.isEmpty()) {
                    pause();
                    continue;
                }
                Path claimed = next.get();
                long bytes = Files.size(claimed);
                TransactionalSink sink = kafka.newSink();
                SendSettings send = settings.send();
                SendReport report = new SendPipeline(
                                send.parseSettings(),
                                send.target(),
                                sink,
                                quarantine,
                                send.badRowLimit(),
                                err::println,
                                send.pipelineOptions(() -> stopRequested, SendProgress.NONE))
                        .run(List.of(claimed));
                FileOutcome outcome = report.files().get(0);
                err.println("file-producer watch: " + outcome.summary());
                boolean retry = sink.hasFailed();
                counters.add(outcome, bytes, !outcome.stopped() && !retry);
                if (outcome.stopped()) {
                    break;
                } else if (retry) {
                    err.println("file-producer watch: " + claimed + " stays in processing/ and is resumed in "
                            + settings.pollInterval().toMillis() + " ms");
                    pause();
                } else if (outcome.failed()) {
                    err.println("file-producer watch: moved to " + spool.failed(claimed, outcome.failure()));
                } else {
                    err.println("file-producer watch: moved to " + spool.done(claimed));
                }
                err.flush();
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Opens the Kafka connection, trying again while Kafka is unavailable (1 s doubling to 5 min) with a line per
     * failure and the cause in /health.
     *
     * @return the connection, or null when stopped first or when the settings or the registry cannot be used
     */
    private KafkaConnection connect() throws InterruptedException {
        List<KafkaConnection> opened = new ArrayList<>(1);
        Consumer<String> log = line -> {
            err.println("file-producer watch: " + line);
            err.flush();
        };
        boolean available = new AvailabilityWait(this::pause, () -> stopRequested, log, log, why -> unavailable = why)
                .await(
                        "Kafka at " + settings.send().producerProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
                        () -> opened.add(KafkaConnection.open(settings.send(), err)));
        return available ? opened.get(0) : null;
    }

    private PrometheusEndpoint startMetrics() {
        if (settings.metricsPort() == null) {
            return null;
        }
        PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
        counters.register(registry);
        // The JVM's heap and GC beside the counters, as the consumer serves them: one dashboard shows both programs'
        // memory.
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        return PrometheusEndpoint.start(
                "0.0.0.0", settings.metricsPort(), registry, () -> Optional.ofNullable(unavailable));
    }

    private void pause() throws InterruptedException {
        pause(settings.pollInterval());
    }

    /** Waits for {@code wait}, or less when stopped. */
    private void pause(Duration wait) throws InterruptedException {
        synchronized (wakeUp) {
            if (!stopRequested) {
                wakeUp.wait(Math.max(1, wait.toMillis()));
            }
        }
    }
}
