package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.deadletter.DeadLetterHeaders;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong schema registry URL is never taken for bad data: the consumer stops at start-up with exit 5 naming the URL,
 * dead-letters and commits nothing, and the same group with the right URL then loads every row once; while a record
 * whose schema id the registry proves unknown (404, error code 40403) is dead-lettered alone.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class RegistryFaultIT {
    /** A wrong URL must be found at start-up, well before any retry bound of the loop. */
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    @RegisterExtension
    final ConsumerTestBed bed = new ConsumerTestBed("trades");

    @Test
    void aRegistryUrlWithoutTheConfluentApiStopsAtStartUpAndTheRightOneThenLoadsEveryRowOnce() throws Exception {
        bed.fixture().createTopic(bed.topic(), 1);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        int schemaId = bed.fixture().registerTrades(bed.topic());
        bed.fixture().publishTrades(bed.topic(), schemaId, 1, 0, 200);
        URI api = URI.create(SchemaRegistryExtension.url());
        String root = api.getScheme() + "://" + api.getAuthority();

        for (String wrong : List.of(root, root + "/apis/ccompat/v5")) {
            long started = System.nanoTime();
            RunningConsumer consumer = bed.startLoading("--schema-registry", wrong, "--create-table", "--stop-at-end");
            assertThat(consumer.awaitExit()).as("exit code with %s", wrong).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
            assertThat(consumer.run().failure())
                    .startsWith("schema registry URL " + wrong
                            + " does not serve the Confluent Schema Registry API: GET " + wrong
                            + "/subjects answered HTTP 404")
                    .contains("Apicurio serves the Confluent API under /apis/ccompat/v6 (or /v7)");
            assertThat(consumer.metrics().deadLetters()).isZero();
            assertThat(bed.fixture().recordsIn(bed.deadLetters())).isZero();
            assertThat(bed.fixture().committed(bed.group())).isEmpty();
        }

        RunningConsumer right = bed.startLoading("--create-table", "--stop-at-end");
        assertThat(right.awaitExit()).isEqualTo(ExitCodes.OK);
        IdCount.of(bed.table(), 1, 200).assertExactlyOnce();
        assertThat(bed.fixture().recordsIn(bed.deadLetters())).isZero();
    }

    @Test
    void aSchemaIdTheRegistryProvesUnknownIsDeadLetteredAloneAndTheRestIsInserted() throws Exception {
        bed.fixture().createTopic(bed.topic(), 1);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        int schemaId = bed.fixture().registerTrades(bed.topic());
        byte[] unknownId = new AvroWireEncoder(schemaId, Trades.SCHEMA).encode(Trades.record(0, 0));
        ByteBuffer.wrap(unknownId).putInt(1, 999_999);
        bed.fixture().publishTrades(bed.topic(), schemaId, 1, 0, 30);
        bed.fixture().publishRaw(bed.topic(), 0, unknownId);
        bed.fixture().publishTrades(bed.topic(), schemaId, 1, 30, 60);

        RunningConsumer consumer = bed.startLoading("--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isEqualTo(ExitCodes.OK);

        IdCount.of(bed.table(), 1, 60).assertExactlyOnce();
        List<ConsumerRecord<byte[], byte[]>> letters = bed.fixture().deadLetters(bed.deadLetters(), 1);
        assertThat(header(letters.get(0), DeadLetterHeaders.OFFSET)).isEqualTo("30");
        assertThat(letters.get(0).value()).isEqualTo(unknownId);
        assertThat(header(letters.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .startsWith("unknown schema id 999999 at topic " + bed.topic() + " partition 0 offset 30: GET "
                        + SchemaRegistryExtension.url() + "/schemas/ids/999999 answered HTTP 404 (error_code 40403)");
        assertThat(bed.fixture().committed(bed.group()).values()).containsExactly(61L);
    }
}
