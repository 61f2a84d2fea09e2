package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.deadletter.DeadLetterHeaders;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison records of each kind in the middle of a stream read by two consumers: every good row arrives exactly once,
 * each bad record is in the dead-letter topic with its original bytes and error headers, and both consumers keep
 * running.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class DeadLetterIT {
    @RegisterExtension
    final ConsumerTestBed bed = new ConsumerTestBed("trades");

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndEveryGoodRowArrivesWhileBothConsumersRunOn() throws Exception {
        bed.fixture().createTopic(bed.topic(), 2);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        int schemaId = bed.fixture().registerTrades(bed.topic());
        AvroWireEncoder encoder = new AvroWireEncoder(schemaId, Trades.SCHEMA);

        byte[] badMagic = encoder.encode(Trades.record(0, 0));
        badMagic[0] = 7;
        byte[] good = encoder.encode(Trades.record(0, 0));
        byte[] truncated = Arrays.copyOf(good, 9);
        byte[] unknownSchema = good.clone();
        ByteBuffer.wrap(unknownSchema).putInt(1, 987_654);
        GenericRecord beforeEpoch = Trades.record(0, 0);
        beforeEpoch.put("day", -1);
        byte[] dateOutOfRange = encoder.encode(beforeEpoch);
        List<byte[]> poison = List.of(badMagic, truncated, unknownSchema, dateOutOfRange);

        // Partition 0: 10 good rows before each poison record, then 10 more; partition 1: only good rows.
        for (int i = 0; i < poison.size(); i++) {
            bed.fixture().publishTrades(bed.topic(), schemaId, 2, i * 10L, i * 10L + 10);
            bed.fixture().publishRaw(bed.topic(), 0, poison.get(i));
        }
        bed.fixture().publishTrades(bed.topic(), schemaId, 2, 40, 50);

        RunningConsumer one = start();
        RunningConsumer two = start();
        await("every offset committed", () -> {
            try {
                return bed.fixture().committed(bed.group()).equals(bed.fixture().endOffsets(bed.topic(), 2));
            } catch (Exception e) {
                return false;
            }
        });
        IdCount.of(bed.table(), 2, 50).assertExactlyOnce();
        assertThat(one.hasExited()).isFalse();
        assertThat(two.hasExited()).isFalse();
        assertThat(one.metrics().deadLetters() + two.metrics().deadLetters()).isEqualTo(4);

        List<ConsumerRecord<byte[], byte[]>> letters = bed.fixture().deadLetters(bed.deadLetters(), 4);
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterHeaders.OFFSET))
                .containsExactly("10", "21", "32", "43");
        for (int i = 0; i < letters.size(); i++) {
            ConsumerRecord<byte[], byte[]> letter = letters.get(i);
            assertThat(letter.value()).as("original value of dead letter %d", i).isEqualTo(poison.get(i));
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(bed.topic());
            assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
                    .contains(
                            "topic " + bed.topic() + " partition 0 offset " + header(letter, DeadLetterHeaders.OFFSET));
        }
        assertThat(header(letters.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("magic byte 0x07");
        assertThat(header(letters.get(2), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("unknown schema id");
        assertThat(header(letters.get(3), DeadLetterHeaders.TABLE)).isEqualTo(bed.table());
        assertThat(header(letters.get(3), DeadLetterHeaders.COLUMN)).isEqualTo("day");
        assertThat(header(letters.get(3), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("outside ClickHouse Date's range");

        assertThat(one.stop()).isZero();
        assertThat(two.stop()).isZero();
    }

    private RunningConsumer start() {
        return bed.startLoading(
                "--create-table",
                "--batch-max-rows",
                "7",
                "--batch-max-wait",
                "200ms",
                "--consumer-property",
                "session.timeout.ms=6000",
                "--consumer-property",
                "heartbeat.interval.ms=1000");
    }
}
