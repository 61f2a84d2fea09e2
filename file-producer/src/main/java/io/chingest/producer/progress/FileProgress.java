package io.chingest.producer.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How far one file has been sent to one topic, as the progress topic stores it: the value is JSON
 * {@code {"rows":N,"complete":true|false,"name":"...","host":"..."}} under the key {@code <topic>/<sha256>}.
 * {@code rows} counts the file's data records handled (published or set aside), so a resumed run skips that many.
 * Immutable.
 */
public record FileProgress(long rows, boolean complete, String name, String host) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final FileProgress NONE = new FileProgress(0, false, null, null);

    /** The progress topic's key of a file sent to {@code topic}. */
    public static byte[] key(String topic, FileIdentity file) {
        return (topic + "/" + file.sha256()).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("rows", rows);
        node.put("complete", complete);
        node.put("name", name);
        node.put("host", host);
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
                    node.path("host").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a file-producer progress record: " + e.getMessage(), e);
        }
    }
}
