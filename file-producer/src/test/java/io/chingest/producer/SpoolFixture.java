package io.chingest.producer;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireDecoder;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the {@code watch} integration tests do to a spool directory and read back: CSV files of numbered rows handed
 * over by rename, file counts, the rows of a topic counted by id, the watcher's metrics and health. Stateless.
 */
final class SpoolFixture {

    static final String SCHEMA = """
            {"type": "record", "name": "Row", "fields": [
              {"name": "id", "type": "long"}, {"name": "payload", "type": "string"}]}""";

    private SpoolFixture() {}

    /** Writes a header and the rows firstId+1 .. firstId+rows. */
    static void writeRows(Path file, long firstId, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,payload\n");
            for (long id = firstId + 1; id <= firstId + rows; id++) {
                out.write(id + ",row " + id + "\n");
            }
        }
    }

    /** Writes the rows beside the spool directory, then renames the file into {@code incoming/}, as writers should. */
    static void arrive(Path spool, String name, long firstId, int rows) throws IOException {
        Path written = spool.resolveSibling(name);
        writeRows(written, firstId, rows);
        Files.move(written, spool.resolve("incoming").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Files in the directory, the .reason files left aside; -1 when it cannot be listed. */
    static long count(Path directory) {
        try (var entries = Files.list(directory)) {
            return entries.filter(path -> !path.getFileName().toString().endsWith(".reason"))
                    .count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** How many times each row id is in the topic, read as read_committed. */
    static Map<Long, Integer> idCounts(String topic) {
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        Map<Long, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.of(topic)) {
            counts.merge((Long) decoder.decode(record.value()).get("id"), 1, Integer::sum);
        }
        return counts;
    }

    /** Each id of firstId+1 .. firstId+rows once, added to {@code expected}. */
    static void expectOnce(Map<Long, Integer> expected, long firstId, int rows) {
        for (long id = firstId + 1; id <= firstId + rows; id++) {
            expected.put(id, 1);
        }
    }

    /** The body of {@code GET http://127.0.0.1:port/path}. */
    static String scrape(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
