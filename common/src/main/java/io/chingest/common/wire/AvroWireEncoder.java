package io.chingest.common.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/** Encodes records of one schema id into the Confluent wire format; not thread-safe (one per producer thread). */
public final class AvroWireEncoder {
    /**
     * The output buffer is reused between records; after a record larger than this it is dropped, so one
     * huge record does not pin its size in memory for the life of the encoder.
     */
    static final int RETAINED_BUFFER_LIMIT = 1024 * 1024;

    private static final int INITIAL_BUFFER_SIZE = 1024;

    private final int schemaId;
    private final Schema schema;
    private final DatumWriter<GenericRecord> writer;
    private OutputBuffer buffer = new OutputBuffer();
    private BinaryEncoder encoder;

    /** Encodes with Avro's {@link GenericDatumWriter}. */
    public AvroWireEncoder(int schemaId, Schema schema) {
        this(schemaId, schema, new GenericDatumWriter<>(schema));
    }

    /**
     * Encodes with {@code writer}, which must write {@code schema}'s binary encoding (a writer compiled for the
     * records one program makes, say).
     */
    public AvroWireEncoder(int schemaId, Schema schema, DatumWriter<GenericRecord> writer) {
        this.schemaId = schemaId;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Returns the 5-byte header followed by the record's Avro binary encoding. */
    public byte[] encode(GenericRecord record) {
        Objects.requireNonNull(record, "record");
        releaseOversizedBuffer();
        buffer.reset();
        buffer.write(ConfluentWireFormat.MAGIC_BYTE);
        buffer.write(schemaId >>> 24);
        buffer.write(schemaId >>> 16);
        buffer.write(schemaId >>> 8);
        buffer.write(schemaId);
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode record of schema " + schema.getFullName() + " (id " + schemaId + ")", e);
        } catch (RuntimeException e) {
            // the encoder may hold part of the failed record; the next record starts from a fresh one
            encoder = null;
            throw new IllegalArgumentException(
                    "cannot encode record as schema " + schema.getFullName() + " (id " + schemaId + "): "
                            + e.getMessage(),
                    e);
        }
        byte[] payload = buffer.toByteArray();
        releaseOversizedBuffer();
        return payload;
    }

    private void releaseOversizedBuffer() {
        if (buffer.capacity() > RETAINED_BUFFER_LIMIT) {
            buffer = new OutputBuffer();
        }
    }

    /** Capacity of the reused output buffer, in bytes. */
    int retainedBufferBytes() {
        return buffer.capacity();
    }

    /**
     * A growable byte array stream that tells its capacity. Unlike ByteArrayOutputStream it takes no lock: a record's
     * five header bytes, its body and the copy out were seven lock acquisitions per record, for an encoder that is
     * one thread's anyway.
     */
    private static final class OutputBuffer extends OutputStream {
        private byte[] buf = new byte[INITIAL_BUFFER_SIZE];
        private int count;

        @Override
        public void write(int b) {
            ensureRoom(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            ensureRoom(length);
            System.arraycopy(bytes, offset, buf, count, length);
            count += length;
        }

        void reset() {
            count = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        int capacity() {
            return buf.length;
        }

        private void ensureRoom(int more) {
            if (more > buf.length - count) {
                buf = Arrays.copyOf(buf, Math.max(Math.addExact(count, more), 2 * buf.length));
            }
        }
    }
}
