package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.query;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The packaged program stopped with SIGTERM while rows wait in its buffers: it inserts them, commits, and exits 0. */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class ChConsumerSigtermIT {

    @TempDir
    Path directory;

    @Test
    void sigtermFlushesTheBuffersCommitsAndExitsZero() throws Exception {
        String topic = unique("trades");
        String group = unique("loader");
        String table = "default." + unique("trades");
        try (IngestFixture fixture = new IngestFixture()) {
            fixture.createTopic(topic, 2);
            int schemaId = fixture.registerTrades(topic);
            query("CREATE TABLE " + table
                    + " (id Int64, part Int32, seq Int64, symbol String) ENGINE = MergeTree ORDER BY tuple()");
            fixture.publishTrades(topic, schemaId, 2, 0, 100);

            // Batches wait up to a minute, so the rows read are still buffered when SIGTERM arrives.
            try (JarProgram process = JarProgram.start(
                    IngestFixture.CONSUMER_JAR,
                    directory,
                    "run",
                    "--topic",
                    topic,
                    "--group",
                    group,
                    "--table",
                    table,
                    "--bootstrap-servers",
                    KafkaBrokerExtension.bootstrapServers(),
                    "--schema-registry",
                    SchemaRegistryExtension.url(),
                    "--clickhouse-url",
                    ClickHouseExtension.httpUrl(),
                    "--batch-max-wait",
                    "60s")) {
                await(
                        "both partitions read",
                        () -> process.stderr().contains("reading " + topic + "-0 from offset 0")
                                && process.stderr().contains("reading " + topic + "-1 from offset 0"));
                assertThat(query("SELECT count() FROM " + table + " FORMAT TabSeparated"))
                        .isEqualTo("0\n");
                assertThat(fixture.committed(group)).isEmpty();

                process.terminate();
                assertThat(process.awaitExit(IngestFixture.WAIT))
                        .as("exit code; stderr:%n%s", process.stderr())
                        .isZero();
                assertThat(process.stdout()).contains("ch-consumer summary:");
            }

            Map<TopicPartition, Long> committed = fixture.committed(group);
            assertThat(committed).containsOnlyKeys(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            long p0 = committed.get(new TopicPartition(topic, 0));
            long p1 = committed.get(new TopicPartition(topic, 1));
            assertThat(p0).isPositive();
            assertThat(p1).isPositive();
            StringBuilder expected = new StringBuilder();
            for (long seq = 0; seq < p0; seq++) {
                expected.append(Trades.id(0, seq)).append('\t').append(seq).append('\n');
            }
            for (long seq = 0; seq < p1; seq++) {
                expected.append(Trades.id(1, seq)).append('\t').append(seq).append('\n');
            }
            assertThat(query("SELECT id, seq FROM " + table + " ORDER BY id FORMAT TabSeparated"))
                    .isEqualTo(expected.toString());
        }
    }
}
