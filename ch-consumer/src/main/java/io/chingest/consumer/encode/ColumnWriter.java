package io.chingest.consumer.encode;

/** Writes one Avro value (as GenericDatumReader produces it) as one RowBinary column value. Implementations are stateless. */
@FunctionalInterface
public interface ColumnWriter {

    /** @throws ValueEncodingException when the value does not fit the column type */
    void write(Object value, RowBinaryWriter out);
}
