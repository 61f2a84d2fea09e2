package io.chingest.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters in bulk: with the default circuit breaker a run of records that all fail stops the consumer with exit 6
 * before anything past them is committed; with the breaker off a storm of 100,000 is dead-lettered in seconds, logged by
 * reason and interval rather than per record.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class DeadLetterBreakerIT {
    private static final int STORM = 100_000;
    /** Generous on two shared cores; one synchronous write per letter took about 17 minutes for this many. */
    private static final Duration STORM_DEADLINE = Duration.ofMinutes(3);

    @RegisterExtension
    final ConsumerTestBed bed = new ConsumerTestBed("trades");

    @TempDir
    Path directory;

    @Test
    void aRunOfRecordsThatAllFailTripsTheBreakerWithoutCommittingPastThem() throws Exception {
        bed.fixture().createTopic(bed.topic(), 1);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        int schemaId = bed.fixture().registerTrades(bed.topic());
        bed.fixture().publishTrades(bed.topic(), schemaId, 1, 0, 100);
        bed.fixture().publishRaw(bed.topic(), 0, notWireFormat(schemaId), 2_000);

        RunningConsumer consumer = bed.startLoading("--create-table", "--stop-at-end");
        assertThat(consumer.awaitExit()).isEqualTo(ExitCodes.TOO_MANY_DEAD_LETTERS);

        assertThat(consumer.run().failure())
                .startsWith("1000 records in a row of topic " + bed.topic() + " partition 0 (offsets 100 to 1099)"
                        + " failed and would go to the dead-letter topic (--dead-letter-breaker-run 1000)")
                .contains("nothing from offset 100 on is committed")
                .contains("Reasons: bad payload: magic byte 0x07, expected 0x00 (1000 records, first at topic "
                        + bed.topic() + " partition 0 offset 100)");
        assertThat(bed.fixture().committed(bed.group())).isEqualTo(Map.of(new TopicPartition(bed.topic(), 0), 100L));
        IdCount.of(bed.table(), 1, 100).assertExactlyOnce();
        assertThat(bed.fixture().recordsIn(bed.deadLetters())).isEqualTo(999);
    }

    @Test
    void aStormOfPoisonRecordsWithTheBreakerOffIsDeadLetteredInSecondsAndLoggedByReason() throws Exception {
        bed.fixture().createTopic(bed.topic(), 1);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        int schemaId = bed.fixture().registerTrades(bed.topic());
        bed.fixture().publishRaw(bed.topic(), 0, notWireFormat(schemaId), STORM);

        long started = System.nanoTime();
        try (JarProgram process = JarProgram.start(
                IngestFixture.CONSUMER_JAR,
                directory,
                "run",
                "--topic",
                bed.topic(),
                "--group",
                bed.group(),
                "--table",
                bed.table(),
                "--create-table",
                "--stop-at-end",
                "--dead-letter-breaker-run",
                "off",
                "--dead-letter-breaker-share",
                "off",
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--schema-registry",
                SchemaRegistryExtension.url(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl())) {
            assertThat(process.awaitExit(STORM_DEADLINE))
                    .as("exit code; stderr:%n%s", process.stderr())
                    .isZero();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(STORM_DEADLINE);

            assertThat(bed.fixture().recordsIn(bed.deadLetters())).isEqualTo(STORM);
            assertThat(bed.fixture().committed(bed.group()))
                    .isEqualTo(Map.of(new TopicPartition(bed.topic(), 0), (long) STORM));
            String log = process.stderr();
            assertThat(log.lines().count())
                    .as("log lines for %d dead letters:%n%s", STORM, log)
                    .isLessThan(200);
            assertThat(log)
                    .contains("bad payload at topic " + bed.topic() + " partition 0 offset 0: magic byte 0x07,"
                            + " expected 0x00; written to dead-letter topic " + bed.deadLetters() + " and skipped")
                    .containsPattern("dead-lettered [0-9,]+ more records in the last [0-9]+ s to " + bed.deadLetters()
                            + ": bad payload: magic byte 0x07, expected 0x00 \\(first at topic " + bed.topic()
                            + " partition 0 offset 0\\)");
        }
    }

    /** A trade whose magic byte is 7 instead of 0. */
    private static byte[] notWireFormat(int schemaId) {
        byte[] payload = new AvroWireEncoder(schemaId, Trades.SCHEMA).encode(Trades.record(0, 0));
        payload[0] = 7;
        return payload;
    }
}
