package io.chingest.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real ClickHouse 18.16 server: started once per JVM on free ports and kept for the whole
 * run; installs the Debian packages first if they are missing (root only). Thread-safe.
 */
public final class ClickHouseExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.startDeclaredOn(context.getRequiredTestClass());
        if (TestServices.external().isEmpty()) {
            TestServices.ensureRunning(TestServices.clickHouse());
        }
    }

    /** {@code http://127.0.0.1:<port>} (or the external server's); starts the server if this JVM has none yet. */
    public static String httpUrl() {
        return TestServices.external().map(ExternalServices::clickHouseHttpUrl).orElseGet(() -> server().httpUrl());
    }

    /**
     * Runs one statement over HTTP and returns the response body.
     *
     * @throws IllegalStateException with the server's message when it answers anything but 200
     */
    public static String query(String sql) {
        return ClickHouseServer.query(httpUrl(), sql);
    }

    /** The server, to stop and start it again on the same ports and data. */
    public static ClickHouseServer server() {
        return TestServices.clickHouse();
    }
}
