package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.chingest.common.config.CommandLineRunner;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.producer.parse.DelimitedFormat;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.quarantine.BadRowLimit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SendCommandTest {

    @TempDir
    Path dir;

    private Path schema;
    private Path data;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        schema = Files.writeString(dir.resolve("order.avsc"), """
                {"type": "record", "name": "Order", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "note", "type": ["null", "string"]}
                ]}""");
        data = Files.writeString(dir.resolve("orders.csv"), "id,note\n1,x\n");
    }

    @Test
    void topLevelHelpListsTheSendCommand() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString())
                .startsWith("Usage: file-producer [-hV] [--config=FILE] [COMMAND]")
                .contains("-h, --help", "-V, --version")
                .containsPattern("\\nCommands:\\n\\s+send\\s+Parses the FILEs")
                .containsPattern("\\n\\s+validate\\s+Parses the FILEs and maps each row");
    }

    @Test
    void sendHelpDocumentsEveryOptionAndItsDefault() {
        assertThat(run("send", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " "))
                .startsWith("Usage: file-producer send ")
                .contains(
                        "--topic=TOPIC",
                        "--schema=FILE",
                        "--format=csv|tsv",
                        "--delimiter=CHAR",
                        "--quote=CHAR",
                        "--[no-]header",
                        "--encoding=CHARSET",
                        "--bootstrap-servers=HOST:PORT[,...]",
                        "--schema-registry=URL",
                        "--compression=TYPE",
                        "--producer-buffer-bytes=SIZE",
                        "--producer-property=KEY=VALUE",
                        "--max-value-chars=N",
                        "--max-columns=N",
                        "--max-row-chars=N",
                        "--null-value=TEXT",
                        "--rejects=DIR",
                        "--dead-letter-topic=TOPIC",
                        "--max-bad-rows=N|P%|unlimited",
                        "--progress-topic=TOPIC",
                        "--force",
                        "--chunk-rows=N",
                        "--key-field=FIELD",
                        "--progress=auto|bar|log|none",
                        "--config=FILE",
                        "FILE...",
                        "--help",
                        "--version")
                .contains(
                        "Default: 127.0.0.1:9092",
                        "Default: " + SchemaRegistryClient.DEFAULT_URL,
                        "Default: 32MiB",
                        "Default: lz4",
                        "Default: UTF-8",
                        "Default: csv",
                        "Default: \".",
                        "Default: 1048576",
                        "Default: 1024",
                        "Default: 4194304");
    }

    @Test
    void versionAtBothLevels() {
        assertThat(run("--version")).isZero();
        assertThat(run("send", "--version")).isZero();

        assertThat(out.toString()).matches("(file-producer \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R){2}");
    }

    @Test
    void aSubcommandIsRequired() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).startsWith("Missing required subcommand");
    }

    @Test
    void defaults() {
        SendSettings config = settings("send", "--topic", "orders", "--schema", schema.toString(), data.toString());

        assertThat(config.topic()).isEqualTo("orders");
        assertThat(config.schemaFile()).isEqualTo(schema);
        assertThat(config.target().schema().getFullName()).isEqualTo("Order");
        assertThat(config.parseSettings()).isEqualTo(ParseSettings.csvDefaults());
        assertThat(config.schemaRegistryUrl()).isEqualTo(SchemaRegistryClient.DEFAULT_URL);
        assertThat(config.producerProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("buffer.memory", 32L * 1024 * 1024)
                .containsEntry("compression.type", "lz4")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
        assertThat(config.files()).containsExactly(data);
    }

    @Test
    void everyOptionReachesTheConfiguration() throws IOException {
        Path second = Files.writeString(dir.resolve("more.csv"), "1;x\n");

        SendSettings config = settings(
                "send",
                "--topic",
                "orders.v2",
                "--schema",
                schema.toString(),
                "--format",
                "CSV",
                "--delimiter",
                ";",
                "--quote",
                "'",
                "--no-header",
                "--encoding",
                "ISO-8859-1",
                "--bootstrap-servers",
                "k1:9092, k2:9093",
                "--schema-registry",
                "https://registry.example:8081/api",
                "--compression",
                "zstd",
                "--producer-buffer-bytes",
                "4MiB",
                "--producer-property",
                "linger.ms=20",
                "--producer-property",
                "batch.size=65536",
                "--max-value-chars",
                "100",
                "--max-columns",
                "10",
                "--max-row-chars",
                "1000",
                data.toString(),
                second.toString());

        assertThat(config.parseSettings())
                .isEqualTo(new ParseSettings(
                        DelimitedFormat.CSV, ';', '\'', false, StandardCharsets.ISO_8859_1, 100, 10, 1000));
        assertThat(config.schemaRegistryUrl()).isEqualTo("https://registry.example:8081/api");
        assertThat(config.producerProperties())
                .containsAllEntriesOf(Map.of(
                        "bootstrap.servers", "k1:9092, k2:9093",
                        "buffer.memory", 4L * 1024 * 1024,
                        "compression.type", "zstd",
                        "linger.ms", "20",
                        "batch.size", "65536"));
        assertThat(config.files()).containsExactly(data, second);
    }

    @Test
    void quarantineAndNullValueOptions() {
        SendSettings defaults = settings("send", "--topic", "orders", "--schema", schema.toString(), data.toString());
        SendSettings given = settings(
                "send",
                "--topic",
                "orders",
                "--schema",
                schema.toString(),
                "--rejects",
                dir.resolve("bad").toString(),
                "--dead-letter-topic",
                "orders.dlq",
                "--max-bad-rows",
                "2%",
                "--null-value",
                "NULL",
                "--null-value",
                "",
                data.toString());

        assertThat(defaults.rejectsDirectory()).isEqualTo(Path.of("rejects"));
        assertThat(defaults.deadLetterTopic()).isNull();
        assertThat(defaults.badRowLimit()).isEqualTo(BadRowLimit.parse("50%"));
        assertThat(defaults.parseSettings().effectiveNullValues()).containsExactly("");
        assertThat(given.rejectsDirectory()).isEqualTo(dir.resolve("bad"));
        assertThat(given.deadLetterTopic()).isEqualTo("orders.dlq");
        assertThat(given.badRowLimit()).isEqualTo(BadRowLimit.parse("2%"));
        assertThat(given.parseSettings().effectiveNullValues()).containsExactlyInAnyOrder("NULL", "");
        assertInvalid(
                "Invalid value for option '--max-bad-rows': 'lots' is not a number of rows (100), a share (1%)"
                        + " or unlimited",
                "--max-bad-rows", "lots");
        assertInvalid(
                "Invalid value for option '--dead-letter-topic': must not be the --topic itself",
                "--dead-letter-topic",
                "orders");
        assertInvalid(
                "Invalid value for option '--dead-letter-topic': 'a b' is not a Kafka topic name (1 to 249"
                        + " letters, digits, '.', '_' or '-')",
                "--dead-letter-topic",
                "a b");
    }

    @Test
    void exactlyOnceOptions() {
        SendSettings defaults = settings("send", "--topic", "orders", "--schema", schema.toString(), data.toString());
        SendSettings given = settings(
                "send",
                "--topic",
                "orders",
                "--schema",
                schema.toString(),
                "--progress-topic",
                "sent-files",
                "--force",
                "--chunk-rows",
                "500",
                "--pipeline-buffer-bytes",
                "64KiB",
                "--key-field",
                "id,note",
                data.toString());

        assertThat(defaults.progressTopic()).isEqualTo("orders.progress");
        assertThat(defaults.force()).isFalse();
        assertThat(defaults.chunkRows()).isEqualTo(SendPipeline.DEFAULT_CHUNK_ROWS);
        assertThat(defaults.keyFields()).isEmpty();
        assertThat(defaults.host()).isNotBlank();
        assertThat(given.progressTopic()).isEqualTo("sent-files");
        assertThat(given.force()).isTrue();
        assertThat(given.chunkRows()).isEqualTo(500);
        assertThat(defaults.pipelineBufferBytes()).isEqualTo(SendPipeline.DEFAULT_PIPELINE_BUFFER_BYTES);
        assertThat(given.pipelineBufferBytes()).isEqualTo(64 * 1024);
        assertInvalid(
                "Invalid value for option '--pipeline-buffer-bytes': must be at least 1KiB (1024 bytes), was 1000",
                "--pipeline-buffer-bytes",
                "1000");
        assertThat(given.keyFields()).containsExactly("id", "note");
        assertInvalid("Invalid value for option '--chunk-rows': must be at least 1, was 0", "--chunk-rows", "0");
        assertInvalid(
                "Invalid value for option '--progress': 'fancy' is not auto, bar, log or none", "--progress", "fancy");
        assertInvalid(
                "Invalid value for option '--progress-topic': must not be the --topic itself",
                "--progress-topic",
                "orders");
        assertInvalid(
                "Invalid value for option '--key-field': the schema has no field 'customer'",
                "--key-field",
                "customer");
    }

    @Test
    void tsvIsTabSeparatedAndTabCanBeSpelledOut() {
        assertThat(settings("send", "--topic", "t", "--schema", schema.toString(), "--format", "tsv", data.toString())
                        .parseSettings()
                        .delimiter())
                .isEqualTo('\t');
        assertThat(settings(
                                "send",
                                "--topic",
                                "t",
                                "--schema",
                                schema.toString(),
                                "--delimiter",
                                "\\t",
                                data.toString())
                        .parseSettings()
                        .delimiter())
                .isEqualTo('\t');
        assertThat(settings(
                                "send",
                                "--topic",
                                "t",
                                "--schema",
                                schema.toString(),
                                "--delimiter",
                                "tab",
                                data.toString())
                        .parseSettings()
                        .delimiter())
                .isEqualTo('\t');
    }

    @Test
    void missingRequiredOptionsAndFilesAreNamed() {
        assertInvalid("Missing required options: '--topic=TOPIC', '--schema=FILE'", "send", data.toString());
        assertInvalid("Missing required parameter: 'FILE'", "send", "--topic", "t", "--schema", schema.toString());
    }

    @Test
    void invalidValuesAreErrorsNamingTheOption() throws IOException {
        assertInvalid(
                "Invalid value for option '--topic': 'a b' is not a Kafka topic name (1 to 249 letters,"
                        + " digits, '.', '_' or '-')",
                "--topic",
                "a b");
        assertInvalid("Invalid value for option '--format': 'xml' is not csv or tsv", "--format", "xml");
        assertInvalid(
                "Invalid value for option '--delimiter': ';;' is not a single character (write \\t or tab"
                        + " for a tab)",
                "--delimiter",
                ";;");
        assertInvalid("Invalid value for option '--delimiter': a line break cannot be delimiter", "--delimiter", "\n");
        assertInvalid(
                "Invalid value for option '--delimiter': TSV is always tab-separated; use --format csv for ';'",
                "--format",
                "tsv",
                "--delimiter",
                ";");
        assertInvalid(
                "Invalid value for option '--quote': the quote cannot be the delimiter too",
                "--delimiter",
                "|",
                "--quote",
                "|");
        assertInvalid(
                "Invalid value for option '--encoding': 'UTF-9' is not a character encoding this Java supports"
                        + " (e.g. UTF-8, ISO-8859-1, windows-1252)",
                "--encoding",
                "UTF-9");
        assertInvalid(
                "Invalid value for option '--max-value-chars': must be at least 1, was 0", "--max-value-chars", "0");
        assertInvalid(
                "Invalid value for option '--max-row-chars': must be at least 1, was -5", "--max-row-chars", "-5");
        assertInvalid(
                "Invalid value for option '--schema-registry': schema registry URL 'ftp://registry' is not an"
                        + " http(s)://host... URL",
                "--schema-registry",
                "ftp://registry");
        assertInvalid(
                "Invalid value for option '--bootstrap-servers': 'kafka' is not host:port (expected"
                        + " HOST:PORT[,HOST:PORT...])",
                "--bootstrap-servers",
                "k1:9092,kafka");
        assertInvalid(
                "Invalid value for option '--bootstrap-servers': 'k1:70000' is not host:port (expected"
                        + " HOST:PORT[,HOST:PORT...])",
                "--bootstrap-servers",
                "k1:70000");
        assertInvalid(
                "Invalid value for option '--compression': 'brotli' is not one of none, gzip, snappy, lz4," + " zstd",
                "--compression",
                "brotli");
        assertInvalid(
                "Invalid value for option '--producer-buffer-bytes': must be at least 1KiB (1024 bytes)," + " was 1000",
                "--producer-buffer-bytes",
                "1000");
        assertInvalid(
                "Invalid value for option '--producer-property': Kafka producer property 'acks' cannot be"
                        + " given: fixed to all: a row counts as sent only when all in-sync replicas have it",
                "--producer-property",
                "acks=1");
        assertInvalid(
                "Invalid value for option '--producer-property': 'lingerms' is not a Kafka producer property",
                "--producer-property",
                "lingerms=5");
    }

    @Test
    void anInvalidValueFromTheConfigFileIsAnErrorNamingOptionAndFile() throws IOException {
        Path config = Files.writeString(dir.resolve("producer.properties"), "topic=orders\nformat=xml\n");

        assertThat(run("send", "--config", config.toString(), "--schema", schema.toString(), data.toString()))
                .isEqualTo(2);

        assertThat(err.toString().lines().findFirst().orElseThrow())
                .startsWith("Invalid value for option '--format': 'xml' is not csv or tsv (from config file ")
                .contains(config.toString())
                .endsWith("key format)");
    }

    @Test
    void aSizeThatIsNotASizeIsAnErrorNamingTheOption() {
        assertThat(run(withRequired("--producer-buffer-bytes", "lots"))).isEqualTo(2);

        assertThat(err.toString()).startsWith("Invalid value for option '--producer-buffer-bytes'");
    }

    @Test
    void schemaProblemsAreErrorsNamingTheSchemaFile() throws IOException {
        Path missing = dir.resolve("missing.avsc");
        Path notJson = Files.writeString(dir.resolve("bad.avsc"), "{\"type\": \"record\"");
        Path notRecord = Files.writeString(dir.resolve("int.avsc"), "\"int\"");
        Path unsupported = Files.writeString(dir.resolve("map.avsc"), """
                {"type": "record", "name": "R", "fields": [{"name": "tags", "type": {"type": "map", "values": "int"}}]}""");

        assertSchemaInvalid(
                missing,
                "Invalid value for option '--schema': '" + missing + "': cannot read it:"
                        + " java.io.FileNotFoundException: " + missing + " (No such file or directory)");
        assertSchemaInvalid(
                notJson, "Invalid value for option '--schema': '" + notJson + "': not a valid Avro" + " schema: ");
        assertSchemaInvalid(
                notRecord,
                "Invalid value for option '--schema': '" + notRecord + "': the schema must be"
                        + " an Avro record, not int");
        assertSchemaInvalid(
                unsupported,
                "Invalid value for option '--schema': '" + unsupported + "': field 'tags'"
                        + " of record R has Avro type {\"type\":\"map\",\"values\":\"int\"}, which is not supported:");
    }

    @Test
    void anUnknownTypeNameIsAnErrorNamingTheFieldAndTheType() throws IOException {
        Path typo = Files.writeString(dir.resolve("S.avsc"), """
                {"type": "record", "name": "S", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "amount", "type": ["null", "strin"]}
                ]}""");
        Path nested = Files.writeString(dir.resolve("N.avsc"), """
                {"type": "record", "name": "N", "namespace": "com.example", "fields": [
                  {"name": "address", "type": {"type": "record", "name": "A", "fields": [
                    {"name": "zip", "type": {"type": "array", "items": "Zip"}}]}}
                ]}""");

        assertSchemaInvalid(
                typo,
                "Invalid value for option '--schema': '" + typo + "': field 'amount': unknown type 'strin'"
                        + " (neither an Avro primitive type nor a named type defined before it)");
        assertSchemaInvalid(
                nested,
                "Invalid value for option '--schema': '" + nested + "': field 'address.zip': unknown type 'Zip'");
    }

    @Test
    void aDuplicateFieldIsAnErrorNamingTheField() throws IOException {
        Path duplicate = Files.writeString(dir.resolve("D.avsc"), """
                {"type": "record", "name": "D", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "id", "type": "string"}
                ]}""");

        assertSchemaInvalid(
                duplicate,
                "Invalid value for option '--schema': '" + duplicate + "': field 'id' is declared twice in record D:"
                        + " the fields of a record must have different names");
    }

    @Test
    void aDecimalWhoseScaleIsOverItsPrecisionIsAnErrorNamingTheRule() throws IOException {
        Path decimal = Files.writeString(dir.resolve("P.avsc"), """
                {"type": "record", "name": "P", "fields": [{"name": "price", "type":
                  {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 7}}]}""");

        assertSchemaInvalid(
                decimal,
                "Invalid value for option '--schema': '" + decimal + "': field 'price' of record P: decimal"
                        + " precision 5 and scale 7: the scale must be between 0 and the precision");
    }

    @Test
    void aMapFieldIsRefusedAsNotReadableFromADelimitedColumnWithoutNamingAServer() throws IOException {
        Path map = Files.writeString(dir.resolve("M.avsc"), """
                {"type": "record", "name": "M", "fields": [
                  {"name": "tags", "type": ["null", {"type": "map", "values": "string"}]}]}""");

        assertSchemaInvalid(
                map,
                "Invalid value for option '--schema': '" + map + "': field 'tags' of record M has Avro type"
                        + " {\"type\":\"map\",\"values\":\"string\"}, which is not supported: file-producer cannot map a"
                        + " delimited column to an Avro map; a column maps to string, int, long, float, double,"
                        + " boolean, date (int), timestamp-millis (long) or decimal (bytes or fixed), or to a union"
                        + " of null and one of them");
        assertThat(err.toString()).doesNotContain("ClickHouse");
    }

    @Test
    void filesThatCannotBeReadAreErrorsNamingTheFile() {
        Path missing = dir.resolve("nope.csv");

        assertThat(run("send", "--topic", "t", "--schema", schema.toString(), data.toString(), missing.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for parameter FILE: '" + missing + "' does not exist");

        err.getBuffer().setLength(0);
        assertThat(run("send", "--topic", "t", "--schema", schema.toString(), dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for parameter FILE: '" + dir + "' is not a regular file");
    }

    @Test
    void aRegistryUrlThatDoesNotServeTheConfluentApiExitsFiveNamingItBeforeAnythingIsSent() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<html>404 - Resource not found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            try (exchange) {
                exchange.getResponseBody().write(page);
            }
        });
        server.start();
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort();

            assertThat(run(withRequired("--schema-registry", root, "--bootstrap-servers", "127.0.0.1:1")))
                    .isEqualTo(5);

            assertThat(err.toString())
                    .contains("schema registry URL " + root + " does not serve the Confluent Schema Registry API: GET "
                            + root + "/subjects answered HTTP 404: <html>404 - Resource not found</html>")
                    .contains("Apicurio serves the Confluent API under /apis/ccompat/v6 (or /v7); Confluent,"
                            + " Karapace and Redpanda serve it at the root (--schema-registry)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRegistryUrlWhereNothingAnswersExitsFiveNamingHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";

        assertThat(run(withRequired("--schema-registry", url, "--bootstrap-servers", "127.0.0.1:1")))
                .isEqualTo(5);

        assertThat(err.toString())
                .contains("nothing answers at 127.0.0.1:" + closedPort + " (schema registry " + url + ")");
    }

    private void assertSchemaInvalid(Path schemaFile, String expectedStart) {
        err.getBuffer().setLength(0);
        assertThat(run("send", "--topic", "t", "--schema", schemaFile.toString(), data.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith(expectedStart);
    }

    private void assertInvalid(String expectedFirstLine, String... options) {
        err.getBuffer().setLength(0);
        String[] args = options.length > 0 && options[0].equals("send") ? options : withRequired(options);
        assertThat(run(args)).as("exit code of %s", List.of(args)).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).contains(expectedFirstLine);
    }

    private String[] withRequired(String... options) {
        List<String> args = new ArrayList<>(List.of("send"));
        if (!List.of(options).contains("--topic")) {
            args.addAll(List.of("--topic", "orders"));
        }
        args.addAll(List.of("--schema", schema.toString()));
        args.addAll(List.of(options));
        args.add(data.toString());
        return args.toArray(String[]::new);
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(commandLine, args);
    }

    private static SendSettings settings(String... args) {
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);
        return ((SendCommand) parsed.subcommand().commandSpec().userObject()).settings();
    }
}
