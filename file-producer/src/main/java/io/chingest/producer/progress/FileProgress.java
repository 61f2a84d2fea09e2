package io.chingest.producer.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chingest.producer.parse.RowPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How far one file has been sent to one topic, as the progress topic stores it: the value is JSON
 * {@code {"rows":N,"complete":true|false,"name":"...","host":"...","topicId":"...","prefix":{"rows":N,"bytes":B,
 * "sha256":"...","lastRow":{"bytes":B,"sha256":"..."}}}} under the key {@code <topic>/<sha256>} ({@code lastRow} only for a
 * file whose last row has no line break after it). {@code rows} counts the file's data records handled
 * (published or set aside), so a resumed run skips that many. {@code topicId} is the Kafka topic id of the topic's
 * incarnation the rows went to; {@code prefix} the file's first bytes through the last committed row, by which a
 * repaired or grown copy of the file is recognised. Records written before those fields existed have neither: they
 * count as describing the topic as it is now, and offer no prefix. Immutable.
 *
 * @param topicId the topic id, or null when unknown (an older record)
 * @param prefix  the committed prefix, or null (an older record, a position committed on a stop request)
 */
public record FileProgress(long rows, boolean complete, String name, String host, String topicId, RowPrefix prefix) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final FileProgress NONE = new FileProgress(0, false, null, null);

    /** A record without topic id and prefix, as earlier versions wrote them. */
    public FileProgress(long rows, boolean complete, String name, String host) {
        this(rows, complete, name, host, null, null);
    }

    /** The progress topic's key of a file sent to {@code topic}. */
    public static byte[] key(String topic, FileIdentity file) {
        return (topic + "/" + file.sha256()).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an earlier run got anywhere with the file. */
    public boolean sentAny() {
        return rows > 0 || complete;
    }

    /** Whether the rows went to another incarnation of the topic than {@code currentTopicId}; unknown ids never do. */
    public boolean sentToAnotherIncarnation(String currentTopicId) {
        return topicId != null && currentTopicId != null && !topicId.equals(currentTopicId);
    }

    /** The file's name without its directory, as recorded. */
    public String fileName() {
        if (name == null) {
            return null;
        }
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("rows", rows);
        node.put("complete", complete);
        node.put("name", name);
        node.put("host", host);
        if (topicId != null) {
            node.put("topicId", topicId);
        }
        if (prefix != null) {
            ObjectNode written = node.putObject("prefix")
                    .put("rows", prefix.rows())
                    .put("bytes", prefix.bytes())
                    .put("sha256", prefix.sha256());
            if (prefix.lastRow() != null) {
                written.putObject("lastRow")
                        .put("bytes", prefix.lastRow().bytes())
                        .put("sha256", prefix.lastRow().sha256());
            }
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not a progress value */
    public static FileProgress fromJson(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.path("rows").canConvertToLong()) {
                throw new IllegalArgumentException("not a file-producer progress record");
            }
            return new FileProgress(
                    node.get("rows").asLong(),
                    node.path("complete").asBoolean(false),
                    node.path("name").asText(null),
                    node.path("host").asText(null),
                    node.path("topicId").asText(null),
                    prefixOf(node.path("prefix")));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a file-producer progress record: " + e.getMessage(), e);
        }
    }

    /** The prefix, or null when the record has none or one this version cannot use. */
    private static RowPrefix prefixOf(JsonNode prefix) {
        if (!prefix.path("rows").canConvertToLong()
                || !prefix.path("bytes").canConvertToLong()
                || !prefix.path("sha256").isTextual()) {
            return null;
        }
        long rows = prefix.get("rows").asLong();
        long bytes = prefix.get("bytes").asLong();
        return rows < 0 || bytes < 0
                ? null
                : new RowPrefix(rows, bytes, prefix.get("sha256").asText(), openRowOf(prefix.path("lastRow")));
    }

    /** The open last row, or null when there is none or one this version cannot use. */
    private static RowPrefix.OpenRow openRowOf(JsonNode row) {
        if (!row.path("bytes").canConvertToLong()
                || row.get("bytes").asLong() <= 0
                || !row.path("sha256").isTextual()) {
            return null;
        }
        return new RowPrefix.OpenRow(
                row.get("bytes").asLong(), row.get("sha256").asText());
    }
}
