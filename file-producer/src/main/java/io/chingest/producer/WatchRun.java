package io.chingest.producer;

import io.chingest.common.availability.AvailabilityWait;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.metrics.PrometheusEndpoint;
import io.chingest.common.registry.RegistryFaultException;
import io.chingest.producer.publish.TransactionalSink;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.RejectsFile;
import io.chingest.producer.watch.HeartbeatFiles;
import io.chingest.producer.watch.HeldFile;
import io.chingest.producer.watch.SpoolDirectory;
import io.chingest.producer.watch.WatchCounters;
import io.chingest.producer.watch.WatcherLease;
import io.chingest.producer.watch.WatcherLiveness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * One {@code watch} process: takes its watcher id's lease (a heartbeat renewed on a thread of its own), connects to
 * Kafka once, then takes files from the spool directory one at a time (its own, then those of dead watchers, then new
 * ones) and sends each exactly as {@code send} does, moving it to done/ or failed/ afterwards. A file whose chunk Kafka
 * did not commit stays in processing/ and is retried after the poll interval. A file taken over by another watcher
 * while this one was frozen (its processing/ name is gone; the taker's transactional producer fenced this one's) is
 * left to the taker, and this watcher goes on with other files. Runs on the caller's thread until
 * {@link #requestStop()}, which may be called from any thread (SIGTERM): the open chunk is committed, the file stays in
 * processing/ for the next start, the summary is printed.
 */
public final class WatchRun {

    private final WatchSettings settings;
    private final PrintWriter err;
    private final WatchCounters counters = new WatchCounters();
    private final HeldFile held;
    private final Object wakeUp = new Object();
    private volatile boolean stopRequested;
    private volatile boolean idTakenByAnotherProcess;
    /** Why Kafka is unavailable while the watcher waits for it, for /health; null otherwise. */
    private volatile String unavailable;

    public WatchRun(WatchSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
        this.held = new HeldFile(settings.watcherId(), settings.takeoverAfter(), Clock.systemUTC());
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
        Clock clock = Clock.systemUTC();
        HeartbeatFiles heartbeats = new HeartbeatFiles(settings.spool());
        SpoolDirectory spool = new SpoolDirectory(
                settings.spool(),
                settings.watcherId(),
                settings.quietPeriod(),
                clock,
                new WatcherLiveness(settings.takeoverAfter(), clock));
        try {
            spool.createDirectories();
        } catch (IOException e) {
            err.println("cannot create the spool directories in " + settings.spool() + ": " + e);
            return ExitCodes.FAILED;
        }
        try (WatcherLease lease = WatcherLease.acquire(
                heartbeats,
                settings.watcherId(),
                settings.heartbeatInterval(),
                settings.takeoverAfter(),
                clock,
                IngestHost.name(),
                ProcessHandle.current().pid())) {
            // Renewing from here on: connecting to Kafka may take longer than --takeover-after.
            lease.startRenewing(renewal -> heard(renewal, heartbeats), this::renewalFailed);
            try (PrometheusEndpoint metrics = startMetrics();
                    KafkaConnection kafka = connect()) {
                if (kafka == null) {
                    return stopRequested ? ExitCodes.OK : ExitCodes.FAILED;
                }
                err.println("file-producer watch: watching " + settings.spool().resolve("incoming") + " as '"
                        + lease.watcherId() + "' (heartbeat " + heartbeats.of(lease.watcherId()) + ", token "
                        + lease.token() + ")" + (metrics == null ? "" : ", metrics on port " + metrics.port()));
                err.flush();
                watch(spool, kafka);
                return idTakenByAnotherProcess ? ExitCodes.FAILED : ExitCodes.OK;
            }
        } catch (ServiceUnavailableException e) {
            err.println(KafkaConnection.withCauses(e));
            return ExitCodes.SERVICE_UNAVAILABLE;
        } catch (RegistryFaultException e) {
            err.println(e.getMessage() + " (--schema-registry)");
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

    private void watch(SpoolDirectory spool, KafkaConnection kafka) throws IOException, InterruptedException {
        RejectsFile rejectsFile = new RejectsFile(settings.send().rejectsDirectory());
        try (Quarantine quarantine =
                new Quarantine(List.of(new PrintedRows(err, SendRun.PRINTED_BAD_ROWS_PER_FILE), rejectsFile))) {
            while (!stopRequested) {
                Optional<SpoolDirectory.Claim> next = spool.next();
                counters.claims(settings.watcherId(), spool.claimsByWatcher());
                if (next.isEmpty()) {
                    pause();
                    continue;
                }
                SpoolDirectory.Claim claim = next.get();
                if (claim.takenOver()) {
                    counters.tookOver();
                    err.println("file-producer watch: took over " + claim.file() + " from watcher '"
                            + claim.takenOverFrom() + "', whose heartbeat did not change for "
                            + settings.takeoverAfter().toMillis() + " ms (--takeover-after); resuming it after its"
                            + " last committed chunk");
                }
                held.took(claim.file());
                try {
                    if (send(spool, kafka, quarantine, claim)) {
                        break;
                    }
                } finally {
                    held.released();
                }
                err.flush();
            }
        }
    }

    /** Sends one claimed file and moves it on; returns whether the run was stopped meanwhile. */
    private boolean send(SpoolDirectory spool, KafkaConnection kafka, Quarantine quarantine, SpoolDirectory.Claim claim)
            throws IOException, InterruptedException {
        Path claimed = claim.file();
        long bytes;
        try {
            bytes = Files.size(claimed);
        } catch (NoSuchFileException e) {
            lost(claim);
            return false;
        }
        TransactionalSink sink = kafka.newSink();
        SendSettings send = settings.send();
        SendReport report = new SendPipeline(
                        send.parseSettings(),
                        send.target(),
                        sink,
                        quarantine,
                        send.badRowLimit(),
                        err::println,
                        send.pipelineOptions(() -> stopRequested, held))
                .run(List.of(claimed));
        FileOutcome outcome = report.files().get(0);
        err.println("file-producer watch: " + outcome.summary());
        boolean retry = sink.hasFailed();
        if (!spool.holds(claim)) {
            counters.add(outcome, bytes, false);
            lost(claim);
            return false;
        }
        counters.add(outcome, bytes, !outcome.stopped() && !retry);
        if (outcome.stopped()) {
            return true;
        }
        try {
            if (retry) {
                err.println("file-producer watch: " + claimed + " stays in processing/ and is resumed in "
                        + settings.pollInterval().toMillis() + " ms");
                pause();
            } else if (outcome.failed()) {
                err.println("file-producer watch: moved to " + spool.failed(claim, outcome.failure()));
            } else {
                err.println("file-producer watch: moved to " + spool.done(claim));
            }
        } catch (NoSuchFileException e) {
            lost(claim);
        }
        return false;
    }

    /** The file was taken over by another watcher while this one did not renew its heartbeat: it is theirs now. */
    private void lost(SpoolDirectory.Claim claim) {
        counters.lost();
        err.println("file-producer watch: lost " + claim.file() + ": another watcher took it over (this watcher's"
                + " heartbeat did not change for --takeover-after, "
                + settings.takeoverAfter().toMillis()
                + " ms: the process was frozen or paused); it resumes the file after its last committed chunk, this"
                + " watcher leaves it and goes on with other files");
        err.flush();
    }

    private void heard(WatcherLease.Renewal renewal, HeartbeatFiles heartbeats) {
        if (renewal.outcome() == WatcherLease.Outcome.TAKEN_BY_ANOTHER_PROCESS) {
            idTakenByAnotherProcess = true;
            err.println("file-producer watch: watcher id '" + settings.watcherId() + "' is also used by another"
                    + " process (" + heartbeats.of(settings.watcherId()) + " holds " + renewal.found() + "); this one"
                    + " stops so that one process alone resumes its files; give each watcher its own --watcher-id");
            requestStop();
        } else {
            err.println("file-producer watch: the heartbeat was renewed "
                    + renewal.sinceLastRenewal().toMillis()
                    + " ms after the previous one, more than --takeover-after ("
                    + settings.takeoverAfter().toMillis()
                    + " ms; the process was frozen or paused): other watchers may have taken over the file in"
                    + " processing/");
        }
        err.flush();
    }

    private void renewalFailed(IOException e) {
        err.println("file-producer watch: cannot renew the heartbeat of '" + settings.watcherId() + "' (tried again in "
                + settings.heartbeatInterval().toMillis() + " ms): " + e);
        err.flush();
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
        Gauge.builder("chingest.producer.watch.claim.age", held, HeldFile::ageSeconds)
                .baseUnit("seconds")
                .description("how long this watcher has held the file it is sending")
                .register(registry);
        // The JVM's heap and GC beside the counters, as the consumer serves them: one dashboard shows both programs'
        // memory.
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        // /health: Kafka unavailable first, then a file held too long without progress
        return PrometheusEndpoint.start(
                "0.0.0.0",
                settings.metricsPort(),
                registry,
                () -> unavailable != null ? Optional.of(unavailable) : held.degradation());
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
