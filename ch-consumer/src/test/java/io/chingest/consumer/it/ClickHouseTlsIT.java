package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.SelfSignedCertificate;
import io.chingest.testing.TlsProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse over https, behind a TLS front with a self-signed certificate: the consumer trusts it through
 * --clickhouse-truststore (JKS and PKCS12) and inserts every row; without the truststore the connection is refused.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ClickHouseTlsIT {
    private static final String STORE_PASSWORD = "store-pw-31";

    @TempDir
    static Path directory;

    private static SelfSignedCertificate certificate;
    private static TlsProxy proxy;

    @BeforeAll
    static void startTlsFront() {
        certificate = SelfSignedCertificate.create(directory, "key-pw-30");
        proxy = TlsProxy.start(
                certificate.keyStore(),
                certificate.keyStorePassword(),
                URI.create(ClickHouseExtension.httpUrl()).getPort());
    }

    @AfterAll
    static void stopTlsFront() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String httpsUrl() {
        return "https://127.0.0.1:" + proxy.port();
    }

    @Test
    void theConsumerInsertsEveryRowOverHttpsTrustingTheTruststore() throws Exception {
        String topic = unique("tls");
        String table = "default." + unique("tls_trades");
        String group = unique("tls-loader");
        try (IngestFixture fixture = new IngestFixture()) {
            fixture.createTopic(topic, 2);
            fixture.publishTrades(topic, fixture.registerTrades(topic), 2, 0, 150);
            int before = proxy.connections();

            RunningConsumer consumer = RunningConsumer.start(
                    "--topic",
                    topic,
                    "--group",
                    group,
                    "--table",
                    table,
                    "--create-table",
                    "--stop-at-end",
                    "--clickhouse-url",
                    httpsUrl(),
                    "--clickhouse-truststore",
                    certificate.trustStore("JKS", STORE_PASSWORD).toString(),
                    "--clickhouse-truststore-password",
                    STORE_PASSWORD);

            assertThat(consumer.awaitExit()).isZero();
            assertThat(query("SELECT " + Trades.SELECT_COLUMNS + " FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                    .isEqualTo(Trades.lines(2, 0, 150));
            assertThat(fixture.committed(group)).isEqualTo(fixture.endOffsets(topic, 2));
            assertThat(proxy.connections()).isGreaterThan(before);
        }
    }

    @Test
    void aPkcs12TruststoreWorksAndWithoutOneTheServerIsNotTrusted() {
        TrustStore pkcs12 =
                TrustStore.load(certificate.trustStore("PKCS12", STORE_PASSWORD), Secret.of(STORE_PASSWORD));
        try (ClickHouseConnection trusting =
                new ClickHouseConnection(httpsUrl(), "default", Secret.none(), pkcs12, Duration.ofSeconds(20))) {
            assertThat(trusting.queryText("SELECT 1 + 1 FORMAT TabSeparated")).isEqualTo("2\n");
        }
        try (ClickHouseConnection untrusting =
                new ClickHouseConnection(httpsUrl(), "default", Secret.none(), null, Duration.ofSeconds(20))) {
            assertThatThrownBy(() -> untrusting.queryText("SELECT 1 FORMAT TabSeparated"))
                    .isInstanceOf(ClickHouseUnavailableException.class)
                    .hasMessageContaining("ClickHouse at " + httpsUrl() + " is unavailable");
        }
    }
}
