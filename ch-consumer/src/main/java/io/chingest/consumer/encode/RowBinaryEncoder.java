package io.chingest.consumer.encode;

import org.apache.avro.generic.GenericRecord;

/** Encodes one decoded record as one RowBinary row following a {@link RowLayout}. Stateless. */
public final class RowBinaryEncoder {

    private RowBinaryEncoder() {}

    /**
     * Appends the row to {@code out}; provenance columns take {@code topicUtf8}, {@code partition} and {@code offset},
     * columns without a field NULL.
     *
     * @throws ValueEncodingException naming the column whose value does not fit
     * @throws RowTooLargeException when the row passes the writer's limit
     */
    public static void encode(
            GenericRecord record, RowLayout layout, RowBinaryWriter out, byte[] topicUtf8, int partition, long offset) {
        for (int i = 0; i < layout.columnCount(); i++) {
            int source = layout.source(i);
            switch (source) {
                case RowLayout.SOURCE_TOPIC -> out.writeString(topicUtf8, 0, topicUtf8.length);
                case RowLayout.SOURCE_PARTITION -> out.writeInt32(partition);
                case RowLayout.SOURCE_OFFSET -> out.writeInt64(offset);
                case RowLayout.SOURCE_NULL -> out.writeUInt8(1);
                default -> {
                    try {
                        layout.writer(i).write(record.get(source), out);
                    } catch (ValueEncodingException e) {
                        throw new ValueEncodingException(
                                layout.columnName(i), "column " + layout.columnName(i) + ": " + e.getMessage());
                    }
                }
            }
        }
    }
}
