package io.chingest.common.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chingest.common.security.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio, Karapace and Redpanda) over java.net.http.
 * Thread-safe; caches subject+schema -> id and id -> schema for the life of the client.
 */
public final class SchemaRegistryClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_RETRIES = 3;
    static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Largest response body read; schemas are kilobytes, so anything bigger is not a registry answer. */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
    /** Longest piece of an unexpected response body quoted in an error message. */
    private static final int MAX_QUOTED_BODY_CHARS = 500;
    /** Confluent's error code for "schema not found": the only 404 that proves a schema id unknown. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /**
     * How long an id answered 40403 is answered so without asking again: a storm of records with an unknown id then
     * costs one request per id and interval, not one per record.
     */
    static final Duration NOT_FOUND_MEMORY = Duration.ofSeconds(5);
    /** Ids remembered as not found at most; beyond it the memory starts over (records with random ids). */
    private static final int MAX_REMEMBERED_NOT_FOUND = 10_000;
    /** Where each registry serves the Confluent API, for messages about a URL that does not serve it. */
    public static final String WHERE_THE_API_IS =
            "Apicurio serves the Confluent API under /apis/ccompat/v6 (or /v7); Confluent, Karapace and Redpanda serve"
                    + " it at the root";

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final int maxResponseBytes;
    private final HttpClient http;
    /** The Authorization header's value, or null without credentials. */
    private final String authorization;

    private final ConcurrentMap<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, NotFound> notFoundById = new ConcurrentHashMap<>();

    /** A client with a 10 s connect and request timeout and 3 retries. */
    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, RegistryAccess.NONE);
    }

    /** A client with a 10 s connect and request timeout and 3 retries, authenticating and trusting as {@code access} says. */
    public SchemaRegistryClient(String baseUrl, RegistryAccess access) {
        this(
                baseUrl,
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_RETRIES,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_RESPONSE_BYTES,
                access);
    }

    /**
     * @param timeout connect timeout and timeout of each request
     * @param maxRetries further attempts after a 5xx answer or an I/O error (0 = one attempt only)
     */
    public SchemaRegistryClient(String baseUrl, Duration timeout, int maxRetries) {
        this(baseUrl, timeout, maxRetries, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_RESPONSE_BYTES);
    }

    SchemaRegistryClient(
            String baseUrl, Duration timeout, int maxRetries, Duration initialBackoff, int maxResponseBytes) {
        this(baseUrl, timeout, maxRetries, initialBackoff, maxResponseBytes, RegistryAccess.NONE);
    }

    SchemaRegistryClient(
            String baseUrl,
            Duration timeout,
            int maxRetries,
            Duration initialBackoff,
            int maxResponseBytes,
            RegistryAccess access) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(access, "access");
        if (Urls.hasUserInfo(baseUrl)) {
            // every message names the URL: credentials go in RegistryAccess, which never prints them
            throw new IllegalArgumentException("schema registry URL '" + Urls.withoutUserInfo(baseUrl)
                    + "' must not carry" + " USER:PASSWORD@; give the user info as an option of its own");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "schema registry URL '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL '" + baseUrl + "' is not an http(s)://host... URL");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("schema registry timeout must be positive, was " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("schema registry maxRetries must be >= 0, was " + maxRetries);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxResponseBytes = maxResponseBytes;
        this.authorization = access.authorization().orElse(null);
        // HTTP/1.1: an h2c upgrade attempt on plain http confuses some registries' front proxies
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                // the client sends the Authorization header to wherever a redirect points: with credentials, follow
                // none
                .followRedirects(authorization == null ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (access.trustStore() != null) {
            builder.sslContext(access.trustStore().sslContext());
        }
        this.http = builder.build();
    }

    /** Registers the schema under the subject (or finds it already there) and returns its id. */
    public int register(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encodedSubject(subject) + "/versions");
    }

    /** Returns the id of a schema already registered under the subject; {@link SchemaNotFoundException} if it is not. */
    public int idOf(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encodedSubject(subject));
    }

    /**
     * Returns the schema with this id.
     *
     * @throws SchemaNotFoundException only when the registry answered 404 with error code 40403 for this id: the id is
     *     proven unknown (such an answer is remembered for {@link #NOT_FOUND_MEMORY})
     * @throws UnreadableSchemaException when the id holds a schema that is not Avro, or not valid Avro
     * @throws RegistryFaultException for any other answer, or none: the registry or its URL is at fault, not the id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        NotFound remembered = notFoundById.get(id);
        if (remembered != null && System.nanoTime() - remembered.atNanos < NOT_FOUND_MEMORY.toNanos()) {
            throw remembered.answer;
        }
        String path = "/schemas/ids/" + id;
        JsonNode answer;
        try {
            answer = object(call("GET", path, null), "GET", path);
        } catch (SchemaNotFoundException e) {
            if (e.errorCode() != SCHEMA_NOT_FOUND) {
                throw new RegistryFaultException(
                        e.getMessage() + ": not the answer to an unknown schema id (error_code " + SCHEMA_NOT_FOUND
                                + "); is " + baseUrl + " the base of the Confluent API? " + WHERE_THE_API_IS,
                        e.httpStatus(),
                        e.errorCode());
            }
            if (notFoundById.size() >= MAX_REMEMBERED_NOT_FOUND) {
                notFoundById.clear();
            }
            notFoundById.put(id, new NotFound(e, System.nanoTime()));
            throw e;
        }
        JsonNode type = answer.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new UnreadableSchemaException(
                    "schema id " + id + " at " + baseUrl + " is a " + type.asText() + " schema, not Avro", null);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new RegistryFaultException(
                    "GET " + baseUrl + path + " answered without a 'schema' text: " + quoted(answer.toString()),
                    200,
                    -1);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            // Avro reports some invalid schemas (unknown type names) with a NullPointerException, not
            // SchemaParseException
            throw new UnreadableSchemaException(
                    "schema id " + id + " at " + baseUrl + " is not a valid Avro schema: " + e.getMessage(), e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /**
     * Checks that the base URL serves the Confluent Schema Registry API: {@code GET /subjects} (served by Confluent,
     * Apicurio's ccompat API, Karapace and Redpanda alike) answers a JSON array. For the start-up of both programs.
     *
     * @throws RegistryFaultException naming the URL and what answered (nothing at host:port, credentials refused, a page
     *     that is not the API, with where each registry serves it)
     */
    public void checkServesConfluentApi() {
        String path = "/subjects";
        JsonNode answer;
        try {
            answer = call("GET", path, null);
        } catch (RegistryUnavailableException e) {
            URI uri = URI.create(baseUrl);
            String address = uri.getHost() + ":" + (uri.getPort() != -1 ? uri.getPort() : defaultPort(uri));
            throw new RegistryUnavailableException(
                    (e.httpStatus() == -1
                                    ? "nothing answers at " + address + " (schema registry " + baseUrl + "): "
                                    : "schema registry " + baseUrl + " is unavailable: ")
                            + e.getMessage(),
                    e.httpStatus(),
                    e.errorCode(),
                    e.getCause());
        } catch (RegistryFaultException e) {
            throw e.httpStatus() == 401 || e.httpStatus() == 403 ? e : notTheApi(e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw notTheApi(e.getMessage(), e);
        }
        if (!answer.isArray()) {
            throw notTheApi(
                    "GET " + baseUrl + path + " answered HTTP 200 with " + quoted(answer.toString())
                            + " instead of the JSON array of subjects",
                    null);
        }
    }

    private RegistryFaultException notTheApi(String what, SchemaRegistryException cause) {
        return new RegistryFaultException(
                "schema registry URL " + baseUrl + " does not serve the Confluent Schema Registry API: " + what + ". "
                        + WHERE_THE_API_IS,
                cause == null ? 200 : cause.httpStatus(),
                cause == null ? -1 : cause.errorCode(),
                cause);
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The subject of a topic's record values under the TopicNameStrategy: {@code topic + "-value"}. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    private int idFor(String subject, Schema schema, String path) {
        Objects.requireNonNull(schema, "schema");
        String schemaText = schema.toString();
        // the full text, not Avro's parsing canonical form: that form drops logical types, which change the column
        // types
        String key = subject + '\u0000' + schemaText;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = object(
                call(
                        "POST",
                        path,
                        JSON.createObjectNode().put("schema", schemaText).toString()),
                "POST",
                path);
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException(
                    "POST " + baseUrl + path + " answered without an integer 'id': " + quoted(answer.toString()),
                    200,
                    -1);
        }
        int schemaId = id.intValue();
        idsBySubjectAndSchema.put(key, schemaId);
        schemasById.putIfAbsent(schemaId, schema);
        return schemaId;
    }

    private static String encodedSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("schema registry subject must not be empty");
        }
        // URLEncoder writes form encoding; a path wants %20 for a space
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The answer when it is a JSON object, as every answer but the list of subjects is. */
    private JsonNode object(JsonNode answer, String method, String path) {
        if (!answer.isObject()) {
            throw new RegistryFaultException(
                    method + " " + baseUrl + path + " answered HTTP 200 with a body that is not a JSON object: "
                            + quoted(answer.toString()),
                    200,
                    -1);
        }
        return answer;
    }

    /** Sends a request, retrying 5xx answers and I/O errors with exponential backoff; returns the JSON of a 2xx answer. */
    private JsonNode call(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        int attempts = maxRetries + 1;
        String lastFailure = null;
        int lastStatus = -1;
        int lastErrorCode = -1;
        IOException lastIoFailure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause(backoffBefore(attempt), method, uri);
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                byte[] content = readBounded(response.body(), method, uri, status);
                if (status >= 200 && status < 300) {
                    return parse(content, method, uri, status);
                }
                ErrorAnswer error = ErrorAnswer.of(content);
                if (status >= 500) {
                    lastStatus = status;
                    lastErrorCode = error.code;
                    lastIoFailure = null;
                    lastFailure = "HTTP " + status + describe(error);
                    continue;
                }
                if (status == 401 || status == 403) {
                    throw new RegistryFaultException(
                            method + " " + uri + " answered HTTP " + status + describe(error)
                                    + (authorization == null
                                            ? ": the registry wants credentials (user info or a bearer token)"
                                            : ": the registry refused the credentials given"),
                            status,
                            error.code);
                }
                throw failure(method, uri, status, error);
            } catch (IOException e) {
                lastStatus = -1;
                lastErrorCode = -1;
                lastIoFailure = e;
                lastFailure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling " + method + " " + uri, -1, -1, e);
            }
        }
        throw new RegistryUnavailableException(
                "schema registry unavailable: " + method + " " + uri + " failed after " + attempts
                        + (attempts == 1 ? " attempt" : " attempts") + ", last: " + lastFailure,
                lastStatus,
                lastErrorCode,
                lastIoFailure);
    }

    private Duration backoffBefore(int attempt) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static void pause(Duration backoff, String method, URI uri) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(
                    "interrupted while waiting to retry " + method + " " + uri, -1, -1, e);
        }
    }

    private byte[] readBounded(InputStream in, String method, URI uri, int status) throws IOException {
        try (in) {
            byte[] content = in.readNBytes(maxResponseBytes + 1);
            if (content.length > maxResponseBytes) {
                throw new RegistryFaultException(
                        method + " " + uri + " answered HTTP " + status + " with a body over the " + maxResponseBytes
                                + "-byte limit",
                        status,
                        -1);
            }
            return content;
        }
    }

    private static JsonNode parse(byte[] content, String method, URI uri, int status) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new RegistryFaultException(
                        method + " " + uri + " answered HTTP " + status + " with a body that is not a JSON object: "
                                + quoted(new String(content, StandardCharsets.UTF_8)),
                        status,
                        -1);
            }
            return node;
        } catch (IOException e) {
            throw new RegistryFaultException(
                    method + " " + uri + " answered HTTP " + status + " with invalid JSON: "
                            + quoted(new String(content, StandardCharsets.UTF_8)),
                    status,
                    -1,
                    e);
        }
    }

    private static SchemaRegistryException failure(String method, URI uri, int status, ErrorAnswer error) {
        String message = method + " " + uri + " answered HTTP " + status + describe(error);
        switch (status) {
            case 404:
                // Confluent's 404s carry 404xx codes; a 404 without one is a page of something else (a wrong base path)
                return error.code / 100 == 404
                        ? new SchemaNotFoundException(message, status, error.code)
                        : new RegistryFaultException(
                                message + " (no Confluent error code: not an answer of the Confluent API)",
                                status,
                                error.code);
            case 409:
                return new IncompatibleSchemaException(message, status, error.code);
            case 422:
                return new InvalidSchemaException(message, status, error.code);
            default:
                return new SchemaRegistryException(message, status, error.code);
        }
    }

    private static String describe(ErrorAnswer error) {
        return (error.code == -1 ? "" : " (error_code " + error.code + ")")
                + (error.message.isEmpty() ? "" : ": " + error.message);
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED_BODY_CHARS ? text : text.substring(0, MAX_QUOTED_BODY_CHARS) + "...";
    }

    /** A 40403 answer and when it came. */
    private record NotFound(SchemaNotFoundException answer, long atNanos) {}

    /** The {"error_code": N, "message": "..."} body of a Confluent error answer, or the raw text of any other body. */
    private static final class ErrorAnswer {
        final int code;
        final String message;

        private ErrorAnswer(int code, String message) {
            this.code = code;
            this.message = message;
        }

        static ErrorAnswer of(byte[] content) {
            String text = new String(content, StandardCharsets.UTF_8).strip();
            try {
                JsonNode node = JSON.readTree(text);
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    JsonNode message = node.get("message");
                    return new ErrorAnswer(
                            code != null && code.canConvertToInt() ? code.intValue() : -1,
                            message != null && !message.isNull() ? quoted(message.asText()) : quoted(text));
                }
            } catch (JsonProcessingException e) {
                // not JSON: quote the text as it is
            }
            return new ErrorAnswer(-1, quoted(text));
        }
    }
}
