package io.chingest.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which registry answers prove a schema id unknown (a record's fault) and which are the fault of the registry or its
 * URL, and the start-up check that a URL serves the Confluent API; against a local HTTP server.
 */
class SchemaRegistryFaultTest {
    private static final String HTML_404 = "<html><body>404 - Resource not found</body></html>";

    private FakeRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaRegistryClient client() {
        return new SchemaRegistryClient(registry.url(), Duration.ofSeconds(5), 0, Duration.ofMillis(1), 1 << 20);
    }

    @Test
    void only404WithCode40403ProvesTheIdUnknownAndIsRememberedForAWhile() {
        registry.always(404, "{\"error_code\": 40403, \"message\": \"Schema 99 not found\"}");
        SchemaRegistryClient client = client();

        assertThatThrownBy(() -> client.schemaById(99))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403))
                .hasMessageContaining("/schemas/ids/99");
        assertThatThrownBy(() -> client.schemaById(99)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.requests()).hasSize(1);
        assertThatThrownBy(() -> client.schemaById(100)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void a404PageIsTheFaultOfTheUrlNamingIt() {
        registry.then(FakeRegistry.raw(404, "text/html", HTML_404.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .isNotInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("GET " + registry.url() + "/schemas/ids/7 answered HTTP 404: " + HTML_404)
                .hasMessageContaining("no Confluent error code");
    }

    @Test
    void a404JsonWithoutAnErrorCodeIsTheFaultOfTheUrl() {
        registry.then(404, "{\"message\": \"HTTP 404 Not Found\"}");

        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered HTTP 404: HTTP 404 Not Found");
    }

    @Test
    void a404WithAnotherConfluentCodeIsNoProofThatTheIdIsUnknown() {
        registry.then(404, "{\"error_code\": 40401, \"message\": \"Subject 'ids' not found.\"}");

        assertThatThrownBy(() -> client().schemaById(7))
                .isExactlyInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered HTTP 404 (error_code 40401)")
                .hasMessageContaining("not the answer to an unknown schema id (error_code 40403)")
                .hasMessageContaining("/apis/ccompat/v6");
    }

    @Test
    void refusedCredentialsAreTheFaultOfTheRegistryAccess() {
        registry.then(401, "{\"error_code\": 40101, \"message\": \"Unauthorized\"}")
                .then(403, "{\"error_code\": 40301, \"message\": \"Forbidden\"}");

        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered HTTP 401");
        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered HTTP 403");
    }

    @Test
    void serverErrorsAreTheFaultOfTheRegistry() {
        registry.always(503, "<html>Service Unavailable</html>");

        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryUnavailableException.class)
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7");
    }

    @Test
    void a200ThatIsNotASchemaAnswerIsTheFaultOfTheUrl() {
        registry.then(FakeRegistry.raw(200, "text/html", "<html>Apicurio</html>".getBytes(StandardCharsets.UTF_8)))
                .then(200, "[1, 2]")
                .then(200, "{\"subjects\": []}");

        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered HTTP 200 with invalid JSON");
        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(
                        registry.url() + "/schemas/ids/7 answered HTTP 200 with a body that is not a JSON");
        assertThatThrownBy(() -> client().schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7 answered without a 'schema' text");
    }

    @Test
    void aTimeoutIsTheFaultOfTheRegistry() {
        registry.then(registry.hang());
        SchemaRegistryClient client =
                new SchemaRegistryClient(registry.url(), Duration.ofMillis(300), 0, Duration.ofMillis(1), 1 << 20);

        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining(registry.url() + "/schemas/ids/7");
    }

    @Test
    void theStartUpCheckPassesWhenTheUrlListsSubjects() {
        registry.then(200, "[\"orders-value\"]");

        assertThatCode(() -> client().checkServesConfluentApi()).doesNotThrowAnyException();
        assertThat(registry.requests().get(0).rawPath()).isEqualTo(registry.pathPrefix() + "/subjects");
    }

    @Test
    void theStartUpCheckOfAUrlWithoutTheApiNamesTheUrlWhatAnsweredAndWhereTheApiIs() {
        registry.then(FakeRegistry.raw(404, "text/html", HTML_404.getBytes(StandardCharsets.UTF_8)))
                .then(FakeRegistry.raw(200, "text/html", "<html>welcome</html>".getBytes(StandardCharsets.UTF_8)))
                .then(200, "{\"name\": \"Apicurio Registry\"}");

        for (String answered : new String[] {
            "answered HTTP 404: " + HTML_404,
            "answered HTTP 200 with invalid JSON: <html>welcome</html>",
            "answered HTTP 200 with {\"name\":\"Apicurio Registry\"} instead of the JSON array of subjects"
        }) {
            assertThatThrownBy(() -> client().checkServesConfluentApi())
                    .isInstanceOf(RegistryFaultException.class)
                    .hasMessageStartingWith("schema registry URL " + registry.url()
                            + " does not serve the Confluent Schema Registry API: GET " + registry.url() + "/subjects")
                    .hasMessageContaining(answered)
                    .hasMessageEndingWith(
                            "Apicurio serves the Confluent API under /apis/ccompat/v6 (or /v7); Confluent, Karapace and"
                                    + " Redpanda serve it at the root");
        }
    }

    @Test
    void theStartUpCheckWhereNothingListensNamesHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        SchemaRegistryClient client =
                new SchemaRegistryClient(url, Duration.ofSeconds(2), 0, Duration.ofMillis(1), 1 << 20);

        assertThatThrownBy(client::checkServesConfluentApi)
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith(
                        "nothing answers at 127.0.0.1:" + closedPort + " (schema registry " + url + ")");
    }

    @Test
    void theStartUpCheckWithRefusedCredentialsSaysSo() {
        registry.then(401, "{\"error_code\": 40101, \"message\": \"Unauthorized\"}");

        assertThatThrownBy(() -> client().checkServesConfluentApi())
                .isInstanceOf(RegistryFaultException.class)
                .hasMessageContaining("GET " + registry.url() + "/subjects answered HTTP 401")
                .hasMessageContaining("the registry wants credentials");
    }
}
