package io.chingest.producer.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which other watchers are dead, from what their heartbeat files read each time this watcher looks: a watcher
 * whose heartbeat has read the same (or been missing) for {@code takeoverAfter} on this watcher's own clock is dead.
 * Only this process's clock is used, never the file's modification time, so clocks of different hosts (or of the file
 * server) need not agree; a heartbeat first seen now counts from now. Used by one watcher's thread.
 */
public final class WatcherLiveness {

    private final Duration takeoverAfter;
    private final Clock clock;
    private final Map<String, Sighting> sightings = new HashMap<>();

    public WatcherLiveness(Duration takeoverAfter, Clock clock) {
        this.takeoverAfter = takeoverAfter;
        this.clock = clock;
    }

    /** How long a heartbeat must read the same before its watcher is dead. */
    public Duration takeoverAfter() {
        return takeoverAfter;
    }

    /**
     * Notes what the id's heartbeat reads now.
     *
     * @param heartbeat the heartbeat file's content, empty when there is no file
     * @return whether the watcher is dead: its heartbeat read the same for at least {@code takeoverAfter}
     */
    public boolean observe(String watcherId, Optional<String> heartbeat) {
        Instant now = clock.instant();
        Sighting last = sightings.get(watcherId);
        if (last == null || !last.heartbeat().equals(heartbeat)) {
            sightings.put(watcherId, new Sighting(heartbeat, now));
            return false;
        }
        return !now.isBefore(last.since().plus(takeoverAfter));
    }

    /** A heartbeat's content and when this watcher first saw it read so. */
    private record Sighting(Optional<String> heartbeat, Instant since) {}
}
