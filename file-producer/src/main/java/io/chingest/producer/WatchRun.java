package io.chingest.producer;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.metrics.PrometheusEndpoint;
import io.chingest.common.registry.RegistryFaultException;
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
import java.util.List;
import java.util.Optional;
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
            return SendRun.FAILED;
        }
        try (WatcherLock lock = WatcherLock.acquire(settings.spool(), settings.watcherId());
                PrometheusEndpoint metrics = startMetrics();
                KafkaConnection kafka = KafkaConnection.open(settings.send(), err)) {
            if (kafka == null) {
                return SendRun.FAILED;
            }
            err.println("file-producer watch: watching " + settings.spool().resolve("incoming") + " as '"
                    + lock.watcherId() + "'" + (metrics == null ? "" : ", metrics on port " + metrics.port()));
            err.flush();
            return watch(spool, kafka);
        } catch (RegistryFaultException e) {
            err.println(e.getMessage() + " (--schema-registry)");
            return ExitCodes.SERVICE_UNAVAILABLE;
        } catch (IllegalStateException | UncheckedIOException | KafkaException e) {
            err.println(KafkaConnection.withCauses(e));
            return SendRun.FAILED;
        } catch (IOException e) {
            err.println("file-producer watch: " + e);
            return SendRun.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendRun.FAILED;
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
        return SendRun.OK;
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
        return PrometheusEndpoint.start("0.0.0.0", settings.metricsPort(), registry);
    }

    private void pause() throws InterruptedException {
        synchronized (wakeUp) {
            if (!stopRequested) {
                wakeUp.wait(settings.pollInterval().toMillis());
            }
        }
    }
}
