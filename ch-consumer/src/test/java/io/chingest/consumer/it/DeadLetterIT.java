package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.header;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.deadletter.DeadLetterHeaders;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poison records of each kind in the middle of a stream read by two consumers: every good row arrives exactly once,
 * each bad record is in the dead-letter topic with its original bytes and error headers, and both consumers keep
 * running.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class DeadLetterIT {
    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String deadLetters = topic + ".dlq";
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");
    private final List<RunningConsumer> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndEveryGoodRowArrivesWhileBothConsumersRunOn() throws Exception {
        fixture.createTopic(topic, 2);
        fixture.createTopic(deadLetters, 1);
        int schemaId = fixture.registerTrades(topic);
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
            fixture.publishTrades(topic, schemaId, 2, i * 10L, i * 10L + 10);
            fixture.publishRaw(topic, 0, poison.get(i));
        }
        fixture.publishTrades(topic, schemaId, 2, 40, 50);

        RunningConsumer one = start();
        RunningConsumer two = start();
        await("every offset committed", () -> {
            try {
                return fixture.committed(group).equals(fixture.endOffsets(topic, 2));
            } catch (Exception e) {
                return false;
            }
        });
        IdCount.of(table, 2, 50).assertExactlyOnce();
        assertThat(one.hasExited()).isFalse();
        assertThat(two.hasExited()).isFalse();
        assertThat(one.metrics().deadLetters() + two.metrics().deadLetters()).isEqualTo(4);

        List<ConsumerRecord<byte[], byte[]>> letters = fixture.deadLetters(deadLetters, 4);
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterHeaders.OFFSET))
                .containsExactly("10", "21", "32", "43");
        for (int i = 0; i < letters.size(); i++) {
            ConsumerRecord<byte[], byte[]> letter = letters.get(i);
            assertThat(letter.value()).as("original value of dead letter %d", i).isEqualTo(poison.get(i));
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
            assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
                    .contains("topic " + topic + " partition 0 offset " + header(letter, DeadLetterHeaders.OFFSET));
        }
        assertThat(header(letters.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("magic byte 0x07");
        assertThat(header(letters.get(2), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("unknown schema id");
        assertThat(header(letters.get(3), DeadLetterHeaders.TABLE)).isEqualTo(table);
        assertThat(header(letters.get(3), DeadLetterHeaders.COLUMN)).isEqualTo("day");
        assertThat(header(letters.get(3), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("outside ClickHouse Date's range");

        assertThat(one.stop()).isZero();
        assertThat(two.stop()).isZero();
    }

    private RunningConsumer start() {
        RunningConsumer consumer = RunningConsumer.start(
                "--topic",
                topic,
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--batch-max-rows",
                "7",
                "--batch-max-wait",
                "200ms",
                "--consumer-property",
                "session.timeout.ms=6000",
                "--consumer-property",
                "heartbeat.interval.ms=1000");
        started.add(consumer);
        return consumer;
    }
}
