package io.chingest.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real Confluent-compatible schema registry (Apicurio 2.6, in memory, BACKWARD
 * compatibility): started once per JVM on a free port and kept for the whole run. Thread-safe.
 */
public final class SchemaRegistryExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.startDeclaredOn(context.getRequiredTestClass());
        if (TestServices.external().isEmpty()) {
            TestServices.ensureRunning(TestServices.schemaRegistry());
        }
    }

    /** {@code http://127.0.0.1:<port>/apis/ccompat/v7} (or the external registry's); starts the registry if this JVM has none yet. */
    public static String url() {
        return TestServices.external()
                .map(ExternalServices::schemaRegistryUrl)
                .orElseGet(() -> registry().url());
    }

    /** The registry, to stop and start it again on the same port (its schemas do not survive that). */
    public static SchemaRegistry registry() {
        return TestServices.schemaRegistry();
    }
}
