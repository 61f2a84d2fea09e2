package io.chingest.consumer.poll;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.MetricName;

/**
 * Whether a Kafka consumer holds a connection to any broker, read from the client's own "connection-count" metric
 * (it falls to 0 when the broker goes away and rises again when the client reconnects). Stateless.
 */
public final class BrokerConnections {
    private static final String GROUP = "consumer-metrics";
    private static final String NAME = "connection-count";

    private BrokerConnections() {}

    /** True while the consumer has a broker connection, and when the client does not publish the metric (nothing to tell). */
    public static boolean open(Consumer<?, ?> consumer) {
        boolean published = false;
        for (var entry : consumer.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group())) {
                published = true;
                if (entry.getValue().metricValue() instanceof Double count && count > 0) {
                    return true;
                }
            }
        }
        return !published;
    }
}
