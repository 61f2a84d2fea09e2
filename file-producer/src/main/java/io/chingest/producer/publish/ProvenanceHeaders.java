package io.chingest.producer.publish;

import io.chingest.producer.progress.FileIdentity;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The provenance every published record carries, in two compact binary headers:
 * <ul>
 *   <li>{@value #FILE_ID_HEADER}: the file's SHA-256 as its 32 raw bytes (in hex it is the {@code <sha256>} of the
 *   progress topic's key {@code TOPIC/<sha256>}, whose value names the file and the ingest host);</li>
 *   <li>{@value #LINE_HEADER}: the line the record starts on, 8 bytes, big-endian.</li>
 * </ul>
 * The file's name and host are kept once per file in the progress topic instead of in every record: as text per
 * record they were about as many bytes as the record itself, and every byte is compressed, checksummed and
 * decompressed again by the broker. Immutable; thread-safe.
 */
public final class ProvenanceHeaders {

    public static final String FILE_ID_HEADER = "chingest.file.id";
    public static final String LINE_HEADER = "chingest.line";

    private static final int SHA256_BYTES = 32;

    private final Header fileId;

    public ProvenanceHeaders(FileIdentity file) {
        this.fileId = new RecordHeader(FILE_ID_HEADER, HexFormat.of().parseHex(file.sha256()));
    }

    /** The headers of the record that starts on {@code line}: a new array, the file id header shared. */
    public Header[] of(long line) {
        byte[] lineBytes = ByteBuffer.allocate(Long.BYTES).putLong(line).array();
        return new Header[] {fileId, new RecordHeader(LINE_HEADER, lineBytes)};
    }

    /** The file id of a record's headers in hex (the progress key's form), or null when it has none. */
    public static String fileId(Headers headers) {
        Header header = headers.lastHeader(FILE_ID_HEADER);
        if (header == null || header.value() == null || header.value().length != SHA256_BYTES) {
            return null;
        }
        return HexFormat.of().formatHex(header.value());
    }

    /** The line of a record's headers, or empty when it has none. */
    public static OptionalLong line(Headers headers) {
        Header header = headers.lastHeader(LINE_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }
}
