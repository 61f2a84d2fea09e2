package io.chingest.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Creates the program's MeterRegistry (a SimpleMeterRegistry for now) and prints a one-line summary of counters on
 * demand. Stateless, thread-safe.
 */
public final class IngestMetrics {

    private IngestMetrics() {}

    public static MeterRegistry newRegistry() {
        return new SimpleMeterRegistry();
    }

    /**
     * Returns the counters as "name=value" sorted by name and separated by ", ", e.g.
     * "records.read=1200, records.sent{topic=t}=1200"; tags, when present, follow the name in braces.
     */
    public static String summary(MeterRegistry registry) {
        Map<String, String> counters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            double value;
            if (meter instanceof Counter counter) {
                value = counter.count();
            } else if (meter instanceof FunctionCounter counter) {
                value = counter.count();
            } else {
                continue;
            }
            counters.put(nameOf(meter), formatted(value));
        }
        return counters.entrySet().stream()
                .map(counter -> counter.getKey() + "=" + counter.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String nameOf(Meter meter) {
        String name = meter.getId().getName();
        if (meter.getId().getTags().isEmpty()) {
            return name;
        }
        return name
                + meter.getId().getTags().stream()
                        .map(tag -> tag.getKey() + "=" + tag.getValue())
                        .collect(Collectors.joining(",", "{", "}"));
    }

    /** Counts are whole numbers in practice: print them without ".0". */
    private static String formatted(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
