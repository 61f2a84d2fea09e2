package io.chingest.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Apicurio Registry 2.6 (in-memory storage) in a child JVM on 127.0.0.1, serving the Confluent Schema Registry
 * API under {@link #url()} with global compatibility BACKWARD. Its schemas live in memory: a restart empties it.
 * Thread-safe.
 */
public final class SchemaRegistry extends ProcessBackedService {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final String NAME = "schema-registry";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final int port;

    /**
     * @param directory where its log (schema-registry.log) and pid file go
     * @param port      the HTTP port on 127.0.0.1
     * @param lifetime  tied to this JVM (tests) or detached (local stack)
     */
    public SchemaRegistry(Path directory, int port, ServiceLifetime lifetime) {
        super(NAME, directory, "schema-registry.log", lifetime);
        this.port = port;
    }

    /** The Confluent-compatible API base URL, {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    @Override
    ServiceSpec preparedSpec() {
        return spec();
    }

    @Override
    ServiceSpec plainSpec() {
        return spec();
    }

    @Override
    public String address() {
        return url();
    }

    private ServiceSpec spec() {
        List<String> command = List.of(
                BuildLayout.javaExecutable(),
                "-Xmx256m",
                "-Djava.awt.headless=true",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.banner.enabled=false",
                "-Dregistry.rules.global.compatibility=BACKWARD",
                "-Dchingest.service.directory=" + directory(), // names this process for the pid-file check
                "-jar",
                BuildLayout.current().apicurioRunnerJar().toString());
        return new ServiceSpec(
                NAME,
                url(),
                directory(),
                command,
                logFile(),
                List.of(logFile()),
                List.of(port),
                START_TIMEOUT,
                STOP_GRACE,
                this::servesWithBackwardCompatibility);
    }

    /**
     * Ready when the subjects list answers 200 and the global compatibility is BACKWARD through the Confluent API.
     * The system property enforces BACKWARD, but the Confluent config endpoint reports NONE until it is PUT.
     */
    private boolean servesWithBackwardCompatibility() {
        if (LoopbackHttp.get(URI.create(url() + "/subjects"), PROBE_TIMEOUT).statusCode() != 200) {
            return false;
        }
        return LoopbackHttp.send(
                                "PUT",
                                URI.create(url() + "/config"),
                                "application/vnd.schemaregistry.v1+json",
                                "{\"compatibility\":\"BACKWARD\"}",
                                PROBE_TIMEOUT)
                        .statusCode()
                == 200;
    }
}
