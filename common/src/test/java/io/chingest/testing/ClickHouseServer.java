package io.chingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A ClickHouse 18.16 server (Debian package) on 127.0.0.1 with an HTTP and a native port, its configuration,
 * data and logs under {@link #directory()}; data survives stop() and start(). Thread-safe.
 */
public final class ClickHouseServer extends ProcessBackedService {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String NAME = "clickhouse";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final int httpPort;
    private final int tcpPort;
    private final ClickHouseInstallation installation;

    /**
     * @param directory configuration (config.xml, users.xml), data (data/) and logs; kept across restarts
     * @param httpPort  the HTTP port on 127.0.0.1
     * @param tcpPort   the native protocol port on 127.0.0.1
     * @param lifetime  tied to this JVM (tests) or detached (local stack)
     */
    public ClickHouseServer(Path directory, int httpPort, int tcpPort, ServiceLifetime lifetime) {
        this(directory, httpPort, tcpPort, lifetime, ClickHouseInstallation.standard());
    }

    ClickHouseServer(
            Path directory, int httpPort, int tcpPort, ServiceLifetime lifetime, ClickHouseInstallation installation) {
        super(NAME, directory, "clickhouse-server.err.log", lifetime);
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.installation = installation;
    }

    /** {@code http://127.0.0.1:<httpPort>}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    /**
     * Runs one statement over HTTP (POST, uncompressed, {@code wait_end_of_query=1} so that errors arrive as an
     * HTTP status) and returns the response body.
     *
     * @throws IllegalStateException with the server's message when it answers anything but 200
     */
    public String query(String sql) {
        return query(httpUrl(), sql);
    }

    /** As {@link #query(String)}, to the ClickHouse at {@code httpUrl} (this one or another). */
    static String query(String httpUrl, String sql) {
        HttpResponse<String> response = LoopbackHttp.send(
                "POST", URI.create(httpUrl + "/?wait_end_of_query=1"), "text/plain; charset=UTF-8", sql, QUERY_TIMEOUT);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse at " + httpUrl + " answered HTTP " + response.statusCode()
                    + " to [" + sql + "]: " + response.body().trim());
        }
        return response.body();
    }

    @Override
    ServiceSpec preparedSpec() {
        return writeConfigAndSpec();
    }

    @Override
    ServiceSpec plainSpec() {
        return spec(false);
    }

    @Override
    public String address() {
        return httpUrl() + " (native 127.0.0.1:" + tcpPort + ")";
    }

    /** The server's error log; its full log is {@code clickhouse-server.log} beside it. */
    private Path configFile() {
        return directory().resolve("config.xml");
    }

    private Path outputLog() {
        return directory().resolve("clickhouse-server.out");
    }

    private ServiceSpec writeConfigAndSpec() {
        try {
            Files.createDirectories(directory().resolve("data"));
            Files.writeString(
                    configFile(),
                    ClickHouseConfig.configXml(
                            directory().resolve("data"),
                            directory().resolve("clickhouse-server.log"),
                            logFile(),
                            httpPort,
                            tcpPort),
                    StandardCharsets.UTF_8);
            Files.writeString(directory().resolve("users.xml"), ClickHouseConfig.usersXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration in " + directory(), e);
        }
        return spec(true);
    }

    /** @param toLaunch find (or install) the binary; not needed to recognise a running server by its pid file */
    private ServiceSpec spec(boolean toLaunch) {
        String binary = toLaunch ? installation.serverBinary().toString() : "clickhouse-server";
        List<String> command = List.of(binary, "--config-file=" + configFile());
        return new ServiceSpec(
                NAME,
                address(),
                directory(),
                command,
                outputLog(),
                List.of(logFile(), outputLog()),
                List.of(httpPort, tcpPort),
                START_TIMEOUT,
                STOP_GRACE,
                this::answersSelectOne);
    }

    private boolean answersSelectOne() {
        HttpResponse<String> response = LoopbackHttp.send(
                "POST", URI.create(httpUrl() + "/"), "text/plain; charset=UTF-8", "SELECT 1", PROBE_TIMEOUT);
        return response.statusCode() == 200 && response.body().trim().equals("1");
    }
}
