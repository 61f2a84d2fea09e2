package io.chingest.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated configuration of one {@code watch} process: how to send each file ({@code send}'s settings without
 * files) and how to watch the spool directory. Immutable.
 *
 * @param takeoverAfter     how long another watcher's heartbeat must read the same before its files are taken over;
 *                          also how long a held file may go without a row handled before /health is degraded
 * @param heartbeatInterval how often this watcher renews its own heartbeat
 * @param metricsPort       the port of the Prometheus endpoint, or null for none
 */
public record WatchSettings(
        SendSettings send,
        Path spool,
        String watcherId,
        Duration pollInterval,
        Duration quietPeriod,
        Duration takeoverAfter,
        Duration heartbeatInterval,
        Integer metricsPort) {

    public WatchSettings {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(watcherId, "watcherId");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(takeoverAfter, "takeoverAfter");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }
}
