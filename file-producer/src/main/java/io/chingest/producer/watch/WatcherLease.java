package io.chingest.producer.watch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This watcher's lease on its id: a heartbeat renewed every {@code interval} in {@code DIR/.watchers/<id>.heartbeat},
 * carrying a token new to this process. While the heartbeat is renewed, the other watchers leave this watcher's files in
 * {@code processing/} alone; once it has read the same for their {@code --takeover-after}, they take them over. A
 * second process with the same id is refused at start (its heartbeat changes while this one looks) and noticed later
 * (the file holds a heartbeat this process did not write). Renewals run on one daemon thread of the lease's own;
 * {@link #renew()} is synchronized, so tests may call it from theirs.
 */
public final class WatcherLease implements AutoCloseable {

    /** How long a start waits for a heartbeat beyond two renewal intervals of its writer, to see it change. */
    static final Duration START_SLACK = Duration.ofMillis(500);

    private static final Duration START_POLL = Duration.ofMillis(50);

    private final HeartbeatFiles files;
    private final String watcherId;
    private final Duration interval;
    private final Duration takeoverAfter;
    private final Clock clock;
    private Heartbeat written;
    private Instant renewedAt;
    private boolean lost;
    private ScheduledExecutorService renewals;

    private WatcherLease(
            HeartbeatFiles files,
            String watcherId,
            Duration interval,
            Duration takeoverAfter,
            Clock clock,
            Heartbeat first) {
        this.files = files;
        this.watcherId = watcherId;
        this.interval = interval;
        this.takeoverAfter = takeoverAfter;
        this.clock = clock;
        this.written = first;
        this.renewedAt = clock.instant();
    }

    /** How a renewal went. */
    public enum Outcome {
        /** Renewed in time. */
        RENEWED,
        /**
         * Renewed, but later than {@code --takeover-after} after the previous renewal (the process was frozen or
         * paused): the other watchers may have taken its files over meanwhile.
         */
        RENEWED_LATE,
        /** The heartbeat file holds a heartbeat another process wrote under this id: it was not renewed. */
        TAKEN_BY_ANOTHER_PROCESS
    }

    /**
     * @param sinceLastRenewal time since the previous renewal (or the start)
     * @param found            for {@link Outcome#TAKEN_BY_ANOTHER_PROCESS}, what the heartbeat file held
     */
    public record Renewal(Outcome outcome, Duration sinceLastRenewal, String found) {}

    /**
     * Takes the id's lease: waits, when the id has a heartbeat file, up to two renewal intervals of its writer (as the
     * file says) plus {@link #START_SLACK} to see whether it changes, then writes this process's first heartbeat.
     *
     * @throws IllegalStateException naming the id, the heartbeat file and its writer when another process renews it
     */
    public static WatcherLease acquire(
            HeartbeatFiles files,
            String watcherId,
            Duration interval,
            Duration takeoverAfter,
            Clock clock,
            String host,
            long pid)
            throws IOException, InterruptedException {
        Optional<String> seen = files.read(watcherId);
        if (seen.isPresent()) {
            long writersInterval =
                    Heartbeat.parse(seen.get()).map(Heartbeat::intervalMillis).orElse(interval.toMillis());
            long deadline = System.nanoTime()
                    + Duration.ofMillis(2 * writersInterval).plus(START_SLACK).toNanos();
            while (System.nanoTime() - deadline < 0) {
                Optional<String> now = files.read(watcherId);
                if (now.isPresent() && !now.equals(seen)) {
                    throw new IllegalStateException("watcher id '" + watcherId + "' is in use by another watch process"
                            + " (its heartbeat " + files.of(watcherId) + " is being renewed: "
                            + now.get().strip()
                            + "); give each watcher of one spool directory its own --watcher-id");
                }
                Thread.sleep(START_POLL.toMillis());
            }
        }
        Heartbeat first = new Heartbeat(UUID.randomUUID().toString(), 1, interval.toMillis(), host, pid);
        files.write(watcherId, first);
        return new WatcherLease(files, watcherId, interval, takeoverAfter, clock, first);
    }

    /** The id this process holds. */
    public String watcherId() {
        return watcherId;
    }

    /** This process's incarnation token, in its heartbeat. */
    public String token() {
        return written.token();
    }

    /** Whether another process was found renewing this id; this one then no longer renews it. */
    public synchronized boolean lost() {
        return lost;
    }

    /** Renews the heartbeat once, unless another process writes it now. */
    public synchronized Renewal renew() throws IOException {
        Instant now = clock.instant();
        Duration since = Duration.between(renewedAt, now);
        if (lost) {
            return new Renewal(Outcome.TAKEN_BY_ANOTHER_PROCESS, since, "");
        }
        Optional<String> found = files.read(watcherId);
        if (found.isPresent() && !found.get().equals(written.toText())) {
            lost = true;
            return new Renewal(
                    Outcome.TAKEN_BY_ANOTHER_PROCESS, since, found.get().strip());
        }
        Heartbeat next = written.next();
        files.write(watcherId, next);
        written = next;
        renewedAt = now;
        return new Renewal(since.compareTo(takeoverAfter) > 0 ? Outcome.RENEWED_LATE : Outcome.RENEWED, since, "");
    }

    /**
     * Renews every {@code interval} on a thread of its own until closed or lost, telling {@code listener} of every
     * renewal but the timely ones, and {@code failures} of every one that could not be written.
     */
    public synchronized void startRenewing(Consumer<Renewal> listener, Consumer<IOException> failures) {
        renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "watcher-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        // With a fixed delay, not a fixed rate: a frozen process that wakes renews once, not once per missed beat.
        renewals.scheduleWithFixedDelay(
                () -> {
                    if (lost()) {
                        return;
                    }
                    try {
                        Renewal renewal = renew();
                        if (renewal.outcome() != Outcome.RENEWED) {
                            listener.accept(renewal);
                        }
                    } catch (IOException e) {
                        failures.accept(e);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops renewing and removes the heartbeat file if it still holds this process's heartbeat. */
    @Override
    public void close() throws IOException {
        ScheduledExecutorService running;
        synchronized (this) {
            running = renewals;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (!lost && files.read(watcherId).filter(written.toText()::equals).isPresent()) {
                files.delete(watcherId);
            }
        }
    }
}
