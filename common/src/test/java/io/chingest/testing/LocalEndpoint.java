package io.chingest.testing;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET requests to a program's own HTTP endpoint on loopback (/metrics, /health), for tests. Thread-safe. */
public final class LocalEndpoint {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LocalEndpoint() {}

    /** GET http://127.0.0.1:PORT/PATH, answered within 10 s. */
    public static HttpResponse<String> get(int port, String path) {
        return LoopbackHttp.get(URI.create("http://127.0.0.1:" + port + path), TIMEOUT);
    }
}
