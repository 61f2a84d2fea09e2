package io.chingest.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
    private static final Schema PERSON = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test", "fields": [
              {"name": "id", "type": "int"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}
            ]}""");
    private static final Schema PERSON_WITHOUT_LOGICAL_TYPE = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test", "fields": [
              {"name": "id", "type": "int"},
              {"name": "amount", "type": "bytes"}
            ]}""");
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private FakeRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaRegistryClient client(int maxRetries) {
        return new SchemaRegistryClient(
                registry.url(),
                Duration.ofSeconds(5),
                maxRetries,
                Duration.ofMillis(1),
                SchemaRegistryClient.DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static String schemaBody(Schema schema) {
        return new ObjectMapper()
                .createObjectNode()
                .put("schema", schema.toString())
                .toString();
    }

    @Test
    void registerPostsTheSchemaToTheSubjectVersionsAndReturnsTheId() throws IOException {
        registry.then(200, "{\"id\": 17}");

        int id = client(0).register("orders-value", PERSON);

        assertThat(id).isEqualTo(17);
        FakeRegistry.Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo(registry.pathPrefix() + "/subjects/orders-value/versions");
        assertThat(request.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(request.accept()).isEqualTo(CONTENT_TYPE + ", application/json");
        assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText())
                .isEqualTo(PERSON.toString());
        assertThat(new Schema.Parser()
                        .parse(new ObjectMapper()
                                .readTree(request.body())
                                .get("schema")
                                .asText()))
                .isEqualTo(PERSON);
    }

    @Test
    void registerIsCachedPerSubjectAndSchemaText() {
        registry.then(200, "{\"id\": 1}").then(200, "{\"id\": 2}").then(200, "{\"id\": 3}");
        SchemaRegistryClient client = client(0);

        assertThat(client.register("a-value", PERSON)).isEqualTo(1);
        assertThat(client.register("a-value", new Schema.Parser().parse(PERSON.toString())))
                .isEqualTo(1);
        assertThat(client.register("b-value", PERSON)).isEqualTo(2);
        // equal to Avro's parsing canonical form, but a different column type: not the same cache entry
        assertThat(client.register("a-value", PERSON_WITHOUT_LOGICAL_TYPE)).isEqualTo(3);

        assertThat(registry.requests()).hasSize(3);
        assertThat(client.idOf("a-value", PERSON)).isEqualTo(1);
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void registeredSchemaIsKnownByIdWithoutAFetch() {
        registry.then(200, "{\"id\": 5}");
        SchemaRegistryClient client = client(0);

        client.register("a-value", PERSON);

        assertThat(client.schemaById(5)).isEqualTo(PERSON);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void idOfLooksTheSchemaUpUnderTheSubject() {
        registry.then(200, "{\"subject\": \"a-value\", \"version\": 2, \"id\": 9, \"schema\": " + "\"\\\"int\\\"\"}");

        assertThat(client(0).idOf("a-value", PERSON)).isEqualTo(9);

        FakeRegistry.Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo(registry.pathPrefix() + "/subjects/a-value");
        assertThat(request.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(request.body()).isEqualTo(schemaBody(PERSON));
    }

    @Test
    void schemaByIdFetchesOnceAndParses() {
        registry.then(200, schemaBody(PERSON));
        SchemaRegistryClient client = client(0);

        assertThat(client.schemaById(12)).isEqualTo(PERSON);
        assertThat(client.schemaById(12)).isEqualTo(PERSON);

        assertThat(registry.requests()).hasSize(1);
        assertThat(registry.requests().get(0).method()).isEqualTo("GET");
        assertThat(registry.requests().get(0).rawPath()).isEqualTo(registry.pathPrefix() + "/schemas/ids/12");
    }

    @Test
    void schemaByIdAcceptsAnExplicitAvroType() {
        registry.then(200, "{\"schemaType\": \"AVRO\", \"schema\": \"\\\"string\\\"\"}");

        assertThat(client(0).schemaById(3)).isEqualTo(Schema.create(Schema.Type.STRING));
    }

    @Test
    void subjectsArePercentEncodedInThePath() {
        registry.then(200, "{\"id\": 1}").then(200, "{\"id\": 1}");
        SchemaRegistryClient client = client(0);

        client.register("my topic/ä?-value", PERSON);
        client.idOf("a+b-value", PERSON);

        assertThat(registry.requests().get(0).rawPath())
                .isEqualTo(registry.pathPrefix() + "/subjects/my%20topic%2F%C3%A4%3F-value/versions");
        assertThat(registry.requests().get(1).rawPath()).isEqualTo(registry.pathPrefix() + "/subjects/a%2Bb-value");
    }

    @Test
    void trailingSlashOfTheBaseUrlIsIgnored() {
        registry.then(200, "{\"id\": 1}");

        new SchemaRegistryClient(registry.url() + "/", Duration.ofSeconds(5), 0).register("a-value", PERSON);

        assertThat(registry.requests().get(0).rawPath())
                .isEqualTo(registry.pathPrefix() + "/subjects/a-value/versions");
    }

    @Test
    void notFoundIsSchemaNotFoundWithStatusCodeAndMessage() {
        registry.then(404, "{\"error_code\": 40403, \"message\": \"Schema 77 not found\"}");

        assertThatThrownBy(() -> client(3).schemaById(77))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessage("GET " + registry.url()
                        + "/schemas/ids/77 answered HTTP 404 (error_code 40403): Schema 77 not found");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void unknownSubjectOnLookupIsSchemaNotFound() {
        registry.then(404, "{\"error_code\": 40401, \"message\": \"Subject 'x-value' not found.\"}");

        assertThatThrownBy(() -> client(3).idOf("x-value", PERSON))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401))
                .hasMessageEndingWith("answered HTTP 404 (error_code 40401): Subject 'x-value' not found.");
    }

    @Test
    void conflictIsIncompatibleSchema() {
        registry.then(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}");

        assertThatThrownBy(() -> client(3).register("a-value", PERSON))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessage("POST " + registry.url() + "/subjects/a-value/versions answered HTTP 409 (error_code 409): "
                        + "Schema being registered is incompatible");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void unprocessableIsInvalidSchema() {
        registry.then(422, "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");

        assertThatThrownBy(() -> client(3).register("a-value", PERSON))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                })
                .hasMessageEndingWith("answered HTTP 422 (error_code 42201): Invalid schema");
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        registry.then(401, "{\"error_code\": 40101, \"message\": \"Unauthorized\"}");

        assertThatThrownBy(() -> client(3).register("a-value", PERSON))
                .isExactlyInstanceOf(RegistryFaultException.class)
                .hasMessageEndingWith(
                        "answered HTTP 401 (error_code 40101): Unauthorized: the registry wants credentials"
                                + " (user info or a bearer token)")
                .satisfies(e ->
                        assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(401));
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void errorBodyThatIsNotJsonIsQuotedWithoutErrorCode() {
        registry.then(FakeRegistry.raw(404, "text/html", "<html>no such page</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client(0).idOf("a-value", PERSON))
                .isInstanceOfSatisfying(
                        RegistryFaultException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(-1))
                .hasMessageContaining("answered HTTP 404: <html>no such page</html>");
    }

    @Test
    void longErrorBodiesAreCutInTheMessage() {
        registry.then(FakeRegistry.raw(400, "text/plain", "x".repeat(2000).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client(0).schemaById(1))
                .hasMessageEndingWith("answered HTTP 400: " + "x".repeat(500) + "...");
    }

    @Test
    void serverErrorIsRetriedWithBackoffUntilItSucceeds() {
        registry.then(503, "{\"error_code\": 50301, \"message\": \"busy\"}")
                .then(FakeRegistry.raw(502, "text/html", "bad gateway".getBytes(StandardCharsets.UTF_8)))
                .then(200, "{\"id\": 4}");

        assertThat(client(2).register("a-value", PERSON)).isEqualTo(4);
        assertThat(registry.requests()).hasSize(3);
        assertThat(registry.requests())
                .allSatisfy(request -> assertThat(request.body()).isEqualTo(schemaBody(PERSON)));
    }

    @Test
    void serverErrorsAfterAllRetriesAreRegistryUnavailableNamingUrlAndAttempts() {
        registry.always(503, "{\"error_code\": 50301, \"message\": \"busy\"}");

        assertThatThrownBy(() -> client(3).schemaById(8))
                .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50301);
                })
                .hasMessage("schema registry unavailable: GET " + registry.url()
                        + "/schemas/ids/8 failed after 4 attempts, " + "last: HTTP 503 (error_code 50301): busy");
        assertThat(registry.requests()).hasSize(4);
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        registry.always(500, "{}");

        assertThatThrownBy(() -> client(0).schemaById(8))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("failed after 1 attempt, last: HTTP 500");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void connectionRefusedIsRetriedThenRegistryUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        SchemaRegistryClient client = new SchemaRegistryClient(
                url, Duration.ofSeconds(2), 2, Duration.ofMillis(1), SchemaRegistryClient.DEFAULT_MAX_RESPONSE_BYTES);

        assertThatThrownBy(() -> client.register("a-value", PERSON))
                .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(-1);
                    assertThat(e.errorCode()).isEqualTo(-1);
                    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
                })
                .hasMessageStartingWith("schema registry unavailable: POST " + url + "/subjects/a-value/versions "
                        + "failed after 3 attempts, last: java.net.ConnectException");
    }

    @Test
    void requestTimeoutIsRetriedThenRegistryUnavailable() {
        registry.then(registry.hang()).then(registry.hang());
        SchemaRegistryClient client = new SchemaRegistryClient(
                registry.url(),
                Duration.ofMillis(300),
                1,
                Duration.ofMillis(1),
                SchemaRegistryClient.DEFAULT_MAX_RESPONSE_BYTES);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(
                        RegistryUnavailableException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class))
                .hasMessageStartingWith("schema registry unavailable: GET " + registry.url()
                        + "/schemas/ids/1 failed after 2 attempts, last: ");
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void responseBodyOverTheLimitIsRefused() {
        byte[] big = new byte[4097];
        java.util.Arrays.fill(big, (byte) ' ');
        registry.then(FakeRegistry.raw(200, CONTENT_TYPE, big)).then(FakeRegistry.raw(200, CONTENT_TYPE, padded(4096)));
        SchemaRegistryClient client =
                new SchemaRegistryClient(registry.url(), Duration.ofSeconds(5), 3, Duration.ofMillis(1), 4096);

        assertThatThrownBy(() -> client.schemaById(1))
                .isExactlyInstanceOf(RegistryFaultException.class)
                .hasMessage("GET " + registry.url()
                        + "/schemas/ids/1 answered HTTP 200 with a body over the 4096-byte limit");
        assertThat(client.schemaById(2)).isEqualTo(Schema.create(Schema.Type.INT));
        assertThat(registry.requests()).hasSize(2);
    }

    /** {"schema": "\"int\""} padded with spaces to exactly the given length. */
    private static byte[] padded(int length) {
        String json = "{\"schema\": \"\\\"int\\\"\"}";
        return (json + " ".repeat(length - json.length())).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answerWithoutAnIdIsAnError() {
        registry.then(200, "{\"version\": 1}");

        assertThatThrownBy(() -> client(0).register("a-value", PERSON))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessage("POST " + registry.url()
                        + "/subjects/a-value/versions answered without an integer 'id': {\"version\":1}");
    }

    @Test
    void answerThatIsNotJsonIsAnError() {
        registry.then(FakeRegistry.raw(200, "text/html", "<html>login</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client(0).register("a-value", PERSON))
                .isExactlyInstanceOf(RegistryFaultException.class)
                .hasMessage("POST " + registry.url()
                        + "/subjects/a-value/versions answered HTTP 200 with invalid JSON: <html>login</html>");
    }

    @Test
    void nonAvroSchemaByIdIsAnError() {
        registry.then(200, "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = \\\"proto3\\\";\"}");

        assertThatThrownBy(() -> client(0).schemaById(6))
                .isExactlyInstanceOf(UnreadableSchemaException.class)
                .hasMessage("schema id 6 at " + registry.url() + " is a PROTOBUF schema, not Avro");
    }

    @Test
    void unparseableSchemaByIdIsAnError() {
        registry.then(200, "{\"schema\": \"{\\\"type\\\": \\\"nonsense\\\"}\"}");

        assertThatThrownBy(() -> client(0).schemaById(6))
                .isExactlyInstanceOf(UnreadableSchemaException.class)
                .hasMessageStartingWith("schema id 6 at " + registry.url() + " is not a valid Avro schema: ");
    }

    @Test
    void concurrentCallersGetTheSameIds() throws Exception {
        registry.always(200, "{\"id\": 21}");
        SchemaRegistryClient client = client(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(pool.submit(() -> client.register("a-value", PERSON)));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).containsExactly(21);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void valueSubjectFollowsTheTopicNameStrategy() {
        assertThat(SchemaRegistryClient.valueSubject("orders")).isEqualTo("orders-value");
    }

    @Test
    void defaultUrlIsTheLocalApicurio() {
        assertThat(SchemaRegistryClient.DEFAULT_URL).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThatThrownBy(() -> new SchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema registry URL 'localhost:8081' is not an http(s)://host... URL");
        assertThatThrownBy(() -> new SchemaRegistryClient("http://a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schema registry URL 'http://a b' is not a URL: ");
        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema registry timeout must be positive, was PT0S");
        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema registry maxRetries must be >= 0, was -1");
        assertThatThrownBy(() -> client(0).register("", PERSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema registry subject must not be empty");
    }
}
