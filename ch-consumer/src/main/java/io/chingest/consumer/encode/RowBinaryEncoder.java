package io.chingest.consumer.encode;

import org.apache.avro.generic.GenericRecord;

/** Encodes one decoded record as one RowBinary row following a {@link RowLayout}. Stateless. */
public final class RowBinaryEncoder {

    private RowBinaryEncoder() {
    }

    /**
     * Appends the row to {@code out}.
     *
     * @throws ValueEncodingException naming the column whose value does not fit
     * @throws RowTooLargeException when the row passes the writer's limit
     */
    public static void encode(GenericRecord record, RowLayout layout, RowBinaryWriter out) {
        for (int i = 0; i < layout.columnCount(); i++) {
            Object value = record.get(layout.fieldPosition(i));
            try {
                layout.writer(i).write(value, out);
            } catch (ValueEncodingException e) {
                throw new ValueEncodingException("column " + layout.columnName(i) + ": " + e.getMessage());
            }
        }
    }
}
