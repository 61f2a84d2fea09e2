package io.chingest.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real single-node Kafka 4.1 broker: started once per JVM on a free port and kept for the
 * whole run; before each class it is started again if an earlier test stopped it. Thread-safe.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.startDeclaredOn(context.getRequiredTestClass());
        if (TestServices.external().isEmpty()) {
            TestServices.ensureRunning(TestServices.kafka());
        }
    }

    /** {@code 127.0.0.1:<port>} (or the external broker's address); starts the broker if this JVM has none yet. */
    public static String bootstrapServers() {
        return TestServices.external()
                .map(ExternalServices::kafkaBootstrapServers)
                .orElseGet(() -> broker().bootstrapServers());
    }

    /** The broker, to stop and start it again on the same port and data. */
    public static KafkaBroker broker() {
        return TestServices.kafka();
    }
}
