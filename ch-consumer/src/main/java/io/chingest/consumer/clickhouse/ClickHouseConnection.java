package io.chingest.consumer.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.chingest.common.availability.AvailabilityWait;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program's one HTTP connection to ClickHouse through client-v2: text queries ({@code FORMAT TabSeparated} in
 * the SQL, as typed readers fail on old servers) and streaming RowBinary inserts with the {@link InsertFeatures} of the
 * server's version. Answers are never compressed (18.16 answers {@code compress=1} with an empty body); insert bodies
 * are LZ4-compressed where the features say so. The client's own retries are off (callers retry whole batches).
 * Thread-safe as client-v2 is: the polling thread and the insert workers share it.
 */
public final class ClickHouseConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseConnection.class);
    /** Query answers here are a version or a table description; anything longer is not what was asked for. */
    private static final int MAX_TEXT_ANSWER_BYTES = 1 << 20;
    /** UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD (18.16) and AUTHENTICATION_FAILED (newer servers). */
    private static final Set<Integer> AUTHENTICATION_ERRORS = Set.of(192, 193, 194, 516);

    private static final Pattern STATED_CODE = Pattern.compile("Code: (\\d{1,4})\\b");

    private final String url;
    private final Duration timeout;
    private final Client client;
    private final RequestCompression compression;
    private final boolean deduplicationTokens;
    /** Asked once; a race only asks twice. */
    private volatile ServerVersion serverVersion;

    private volatile InsertFeatures insertFeatures;

    /** A connection for queries only (no inserts): nothing to compress or deduplicate. */
    public ClickHouseConnection(String url, String user, String password, Duration timeout) {
        this(url, user, Secret.of(password), null, timeout);
    }

    /** A connection for queries only, to a server whose https certificate {@code trustStore} (or, null, the JDK) trusts. */
    public ClickHouseConnection(String url, String user, Secret password, TrustStore trustStore, Duration timeout) {
        this(url, user, password, trustStore, timeout, RequestCompression.NONE, false);
    }

    /**
     * @param trustStore          the certificates an https server may present, or null for the JDK's own
     * @param compression         how insert bodies are sent ({@code --clickhouse-compression})
     * @param deduplicationTokens whether inserts carry a deduplication token where the server has the setting
     */
    public ClickHouseConnection(
            String url,
            String user,
            Secret password,
            TrustStore trustStore,
            Duration timeout,
            RequestCompression compression,
            boolean deduplicationTokens) {
        this.url = url;
        this.timeout = timeout;
        this.compression = compression;
        this.deduplicationTokens = deduplicationTokens;
        Client.Builder builder =
                new Client.Builder().addEndpoint(url).setUsername(user).setPassword(password.reveal());
        if (trustStore != null) {
            builder.setSSLTrustStore(trustStore.file().toString())
                    .setSSLTrustStoreType(trustStore.type())
                    .setSSLTrustStorePassword(trustStore.password().reveal());
        }
        this.client = builder.compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setMaxRetries(0)
                .setConnectTimeout(Math.min(timeout.toMillis(), 10_000L), ChronoUnit.MILLIS)
                .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                .setExecutionTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                .build();
    }

    public String url() {
        return url;
    }

    /** Runs a query and returns its whole answer as text; the SQL chooses the format. */
    public String queryText(String sql) {
        QueryResponse response = await(() -> client.query(sql), sql);
        try {
            return readLimited(response.getInputStream(), sql);
        } catch (IOException | RuntimeException e) {
            throw new ClickHouseUnavailableException(
                    "reading the answer of '" + sql + "' from ClickHouse at " + url + " failed: " + e, e);
        } finally {
            closeQuietly(response);
        }
    }

    /** Runs a statement whose answer does not matter (DDL). */
    public void execute(String sql) {
        queryText(sql);
    }

    /** The server's version, asked once with {@code SELECT version()} and remembered. */
    public ServerVersion serverVersion() {
        ServerVersion known = serverVersion;
        if (known == null) {
            known = ServerVersion.parse(queryText("SELECT version() FORMAT TabSeparated"));
            serverVersion = known;
        }
        return known;
    }

    /**
     * The start-up check: asks {@code SELECT version()} within {@code --clickhouse-timeout} and remembers the answer.
     *
     * @throws ServiceUnavailableException naming the URL and the cause when nothing answers, the login is refused or
     *                                     the answer is not a ClickHouse version (another HTTP server at the URL)
     */
    public ServerVersion checkAvailable() {
        try {
            return serverVersion();
        } catch (ClickHouseUnavailableException e) {
            throw new ServiceUnavailableException("ClickHouse", url, unreachable(e), e);
        } catch (ClickHouseQueryException e) {
            String answer = firstLine(String.valueOf(
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            if (isAuthenticationFailure(e.code(), answer)) {
                throw ServiceUnavailableException.refused(
                        "ClickHouse",
                        url,
                        "authentication failed (--clickhouse-user, --clickhouse-password): " + answer,
                        e);
            }
            throw new ServiceUnavailableException("ClickHouse", url, "refused SELECT version(): " + answer, e);
        } catch (IllegalArgumentException e) {
            throw new ServiceUnavailableException(
                    "ClickHouse",
                    url,
                    "the server there is not ClickHouse (SELECT version() answered " + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Whether a refusal is of the login. client-v2 does not always carry the server's code over (18.16 answers a wrong
     * password with HTTP 401 and "Code: 193" in the body), so the answer's text is read as well.
     */
    static boolean isAuthenticationFailure(int code, String answer) {
        if (AUTHENTICATION_ERRORS.contains(code)) {
            return true;
        }
        Matcher stated = STATED_CODE.matcher(answer);
        return (stated.find() && AUTHENTICATION_ERRORS.contains(Integer.parseInt(stated.group(1))))
                || answer.contains("transport error: 401");
    }

    private String unreachable(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof TimeoutException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return "no answer within " + AvailabilityWait.readable(timeout);
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return "nothing answers (" + firstLine(root.getClass().getSimpleName() + message) + ")";
    }

    /**
     * The insert features of this server's version, chosen once (and logged).
     *
     * @throws ClickHouseUnavailableException when the version is not known yet and ClickHouse cannot be asked
     */
    public InsertFeatures insertFeatures() {
        InsertFeatures known = insertFeatures;
        if (known == null) {
            ServerVersion version = serverVersion();
            known = InsertFeatures.forServer(version, compression, deduplicationTokens);
            insertFeatures = known;
            LOG.info("ClickHouse {} at {}: inserts with {}", version, url, known.describe());
        }
        return known;
    }

    /**
     * Streams RowBinary rows for the given columns into the table; returns when ClickHouse has accepted them.
     *
     * @param queryId   the INSERT's query id, by which it can be found in {@code system.processes} (and killed)
     * @param token     the INSERT's deduplication token, sent where the server has the setting
     * @param maxRows   the rows the stream holds at most: the server forms one block of them, so the insert is all or nothing
     */
    public void insertRowBinary(
            TableName table, List<String> columns, DataStreamWriter rows, String queryId, String token, int maxRows) {
        List<String> quotedColumns = columns.stream().map(TableName::quoted).toList();
        InsertSettings settings = insertSettings(insertFeatures(), queryId, token, maxRows);
        InsertResponse response = await(
                () -> client.insert(table.sql(), quotedColumns, rows, ClickHouseFormat.RowBinary, settings),
                "INSERT INTO " + table.sql());
        // The answer carries no rows; closing it returns the connection to the pool.
        closeQuietly(response);
    }

    /**
     * The client-v2 settings of one insert. LZ4 bodies use ClickHouse's own block format ({@code decompress=1}), which
     * every release reads, 18.16 included; HTTP's {@code Content-Encoding: lz4} is unknown to 18.16.
     */
    static InsertSettings insertSettings(InsertFeatures features, String queryId, String token, int maxRows) {
        InsertSettings settings = new InsertSettings()
                .compressClientRequest(features.compressRequests())
                .useHttpCompression(false)
                .setQueryId(queryId);
        features.serverSettings(token, maxRows).forEach(settings::serverSetting);
        return settings;
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T await(CallStart<T> start, String what) {
        try {
            CompletableFuture<T> future = start.call();
            return future.get(timeout.toMillis() + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseUnavailableException(
                    "interrupted while waiting for ClickHouse at " + url + " (" + what + ")", e);
        } catch (TimeoutException e) {
            throw new ClickHouseUnavailableException(
                    "ClickHouse at " + url + " did not answer within " + timeout + " (" + what + ")", e);
        } catch (RuntimeException e) {
            throw translate(e, what);
        }
    }

    private RuntimeException translate(Throwable failure, String what) {
        if (failure instanceof ServerException server) {
            return new ClickHouseQueryException(
                    "ClickHouse at " + url + " refused '" + what + "': " + firstLine(server.getMessage()),
                    server.getCode(),
                    server);
        }
        return new ClickHouseUnavailableException(
                "ClickHouse at " + url + " is unavailable (" + what + "): " + firstLine(String.valueOf(failure)),
                failure);
    }

    private static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception e) {
            // The answer was read (or is empty); a failure to release the connection does not change the result.
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private String readLimited(InputStream in, String sql) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = in.read(chunk)) >= 0) {
            if (answer.size() + read > MAX_TEXT_ANSWER_BYTES) {
                throw new IOException("the answer to '" + sql + "' is longer than " + MAX_TEXT_ANSWER_BYTES + " bytes");
            }
            answer.write(chunk, 0, read);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface CallStart<T> {
        CompletableFuture<T> call();
    }
}
