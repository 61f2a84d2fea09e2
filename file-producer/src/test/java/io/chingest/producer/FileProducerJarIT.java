package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireDecoder;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar that {@code package} built as a separate process, the way users run it. */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class FileProducerJarIT {

    private static final Path JAR = Path.of("target", "file-producer.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void helpExitsZeroAndPrintsUsage() throws Exception {
        Result result = run("--help");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("Usage: file-producer [-hV] [--config=FILE] [COMMAND]");
        assertThat(result.stdout()).contains("Commands:", "send");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void sendHelpAndVersionExitZero() throws Exception {
        Result help = run("send", "--help");
        Result version = run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: file-producer send ").contains("--bootstrap-servers");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches("file-producer \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void anInvalidOptionExitsTwoNamingIt() throws Exception {
        Result result = run("send", "--topic", "t", "--schema", "missing.avsc", "--format", "xml", "f.csv");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Invalid value for option '--format': 'xml' is not csv or tsv");
    }

    @Test
    void theJarPublishesAFileToTheRealServices() throws Exception {
        String topic = "jar-" + UUID.randomUUID();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Path schema = Files.writeString(dir.resolve("order.avsc"), FileProducerIT.ORDER_SCHEMA);
        Path csv = Files.writeString(
                dir.resolve("orders.csv"),
                "id,customer,qty,price,paid,day\n" + "1,a,1,1.25,yes,2024-01-02\n2,b,2,2.50,no,2024-01-03\n");

        Result result = run(TestServicesCommandLine.of("send", topic, schema, csv.toString())
                .toArray(String[]::new));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr())
                .startsWith("file-producer: " + csv + ": 2 rows read, 2 published, 0 rejected\n"
                        + "file-producer: 1 file, 0 failed, 2 rows read, 2 published, 0 rejected, ");
        assertThat(result.stdout()).isEmpty();
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        assertThat(FileProducerIT.consume(topic, 2).stream()
                        .map(record -> FileProducerIT.fieldsOf(decoder.decode(record.value()))))
                .containsExactly(
                        Arrays.asList(1L, "a", null, 1, new BigDecimal("1.25"), true, 19724, null),
                        Arrays.asList(2L, "b", null, 2, new BigDecimal("2.50"), false, 19725, null));
    }

    private Result run(String... args) throws IOException, InterruptedException {
        try (JarProgram program = JarProgram.start(JAR, dir, args)) {
            int exitCode = program.awaitExit(Duration.ofMinutes(2));
            return new Result(exitCode, program.stdout(), program.stderr());
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
