package io.chingest.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves a {@link PrometheusMeterRegistry} in the Prometheus text format at {@code GET /metrics} and the program's
 * health at {@code GET /health} (200 and "ok", or 503 and why it is degraded; any other path is 404) through the JDK's
 * HTTP server, on one daemon thread of its own. Each scrape renders the registry afresh; the
 * answer's size is that of the metrics, not of the traffic. Thread-safe; {@link #close()} stops it.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";
    public static final String HEALTH_PATH = "/health";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private PrometheusEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A registry for the Prometheus format, to register the program's meters in. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static PrometheusEndpoint start(String host, int port, PrometheusMeterRegistry registry) {
        return start(host, port, registry, Optional::empty);
    }

    /**
     * Starts serving metrics and health on {@code host:port}.
     *
     * @param degradation why the program is degraded now, or empty when it is healthy; called on the endpoint's thread
     */
    public static PrometheusEndpoint start(
            String host, int port, PrometheusMeterRegistry registry, Supplier<Optional<String>> degradation) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, registry, degradation));
        server.start();
        return new PrometheusEndpoint(server, executor);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(
            HttpExchange exchange, PrometheusMeterRegistry registry, Supplier<Optional<String>> degradation)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || !(PATH.equals(path) || HEALTH_PATH.equals(path))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int status = 200;
            byte[] body;
            if (PATH.equals(path)) {
                body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            } else {
                Optional<String> degraded = degradation.get();
                status = degraded.isPresent() ? 503 : 200;
                body = (degraded.map(why -> "degraded: " + why).orElse("ok") + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
