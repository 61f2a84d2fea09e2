package io.chingest.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import io.chingest.testing.SelfSignedCertificate;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client over https with a self-signed certificate it trusts through a truststore, sending basic auth or
 * a bearer token; against a JDK HTTPS server standing in for the registry's TLS front.
 */
class SchemaRegistryAccessTest {
    private static final Schema PERSON =
            SchemaBuilder.record("Person").fields().requiredString("name").endRecord();

    @TempDir
    static Path directory;

    private static SelfSignedCertificate certificate;
    private static TrustStore trustStore;

    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeAll
    static void makeCertificate() {
        certificate = SelfSignedCertificate.create(directory, "key-pass-1");
        trustStore = TrustStore.load(certificate.trustStore("PKCS12", "trust-pass-2"), Secret.of("trust-pass-2"));
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyStore keys = KeyStore.getInstance(
                certificate.keyStore().toFile(), certificate.keyStorePassword().toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, certificate.keyStorePassword().toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            byte[] answer = (status == 200 ? "{\"id\": 7}" : "{\"error_code\": 40101, \"message\": \"Unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    private SchemaRegistryClient client(RegistryAccess access) {
        return new SchemaRegistryClient(url(), Duration.ofSeconds(5), 0, Duration.ofMillis(1), 1 << 20, access);
    }

    @Test
    void basicAuthGoesOverTlsToTheTrustedServer() {
        int id = client(new RegistryAccess(Secret.of("reader:reader-pw-3"), Secret.none(), trustStore))
                .register("p-value", PERSON);

        assertThat(id).isEqualTo(7);
        assertThat(authorizations)
                .containsExactly("Basic "
                        + Base64.getEncoder().encodeToString("reader:reader-pw-3".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBearerTokenGoesAsBearer() {
        client(new RegistryAccess(Secret.none(), Secret.of("token-4"), trustStore))
                .register("p-value", PERSON);

        assertThat(authorizations).containsExactly("Bearer token-4");
    }

    @Test
    void withoutTheTruststoreTheSelfSignedServerIsNotTrusted() {
        assertThatThrownBy(() -> client(RegistryAccess.NONE).register("p-value", PERSON))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("SSLHandshakeException");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void refusedCredentialsAreSaidSoWithoutEchoingThem() {
        status = 401;

        assertThatThrownBy(() -> client(new RegistryAccess(Secret.of("reader:bad-pw-5"), Secret.none(), trustStore))
                        .register("p-value", PERSON))
                .hasMessageEndingWith(
                        "answered HTTP 401 (error_code 40101): Unauthorized: the registry refused the credentials given")
                .message()
                .doesNotContain("bad-pw-5");
    }

    @Test
    void userInfoInTheUrlOrBothCredentialsAreRefused() {
        assertThatThrownBy(() -> new SchemaRegistryClient("https://reader:url-pw-6@registry:8081", RegistryAccess.NONE))
                .hasMessage(
                        "schema registry URL 'https://[hidden]@registry:8081' must not carry USER:PASSWORD@; give the user"
                                + " info as an option of its own");
        assertThatThrownBy(() -> new RegistryAccess(Secret.of("a:b"), Secret.of("t"), null))
                .hasMessage("give either user info (basic auth) or a bearer token, not both");
        assertThatThrownBy(() -> new RegistryAccess(Secret.of("no-colon-pw"), Secret.none(), null))
                .message()
                .doesNotContain("no-colon-pw");
    }

    @Test
    void theAccessPrintsNoCredential() {
        assertThat(new RegistryAccess(Secret.of("reader:print-pw-7"), Secret.none(), trustStore).toString())
                .doesNotContain("print-pw-7")
                .contains("[hidden]");
        assertThat(Files.exists(trustStore.file())).isTrue();
    }
}
