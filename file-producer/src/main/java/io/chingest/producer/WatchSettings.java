package io.chingest.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated configuration of one {@code watch} process: how to send each file ({@code send}'s settings without
 * files) and how to watch the spool directory. Immutable.
 *
 * @param metricsPort the port of the Prometheus endpoint, or null for none
 */
public record WatchSettings(
        SendSettings send,
        Path spool,
        String watcherId,
        Duration pollInterval,
        Duration quietPeriod,
        Integer metricsPort) {

    public WatchSettings {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(watcherId, "watcherId");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
    }
}
