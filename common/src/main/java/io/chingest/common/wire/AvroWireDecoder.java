package io.chingest.common.wire;

import io.chingest.common.registry.SchemaRegistryClient;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes wire-format payloads, fetching writer schemas by id from the registry (cached); not thread-safe.
 * Whatever a payload claims, decoding it allocates at most about its own size.
 */
public final class AvroWireDecoder {
    /** Readers kept at most; a topic carries a handful of schema versions, so this only stops unbounded growth. */
    static final int MAX_CACHED_READERS = 256;

    private final IntFunction<Schema> writerSchemas;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, GenericDatumReader<GenericRecord>> eldest) {
            return size() > MAX_CACHED_READERS;
        }
    };
    private final BoundedAvroDecoder decoder = new BoundedAvroDecoder();
    /** The reader of the last payload's schema id: a topic's records mostly share one, and the map lookup costs per record. */
    private int lastSchemaId = -1;

    private GenericDatumReader<GenericRecord> lastReader;

    public AvroWireDecoder(SchemaRegistryClient registry) {
        this(Objects.requireNonNull(registry, "registry")::schemaById);
    }

    /** @param writerSchemas the writer schema of an id; throws SchemaNotFoundException for an unknown one */
    AvroWireDecoder(IntFunction<Schema> writerSchemas) {
        this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
    }

    /**
     * Returns the record a payload holds, read with the writer schema its id names.
     *
     * @throws WireFormatException for a bad header or an Avro body that is truncated, corrupt or longer than the record
     * @throws io.chingest.common.registry.SchemaNotFoundException if the registry does not know the schema id
     */
    public GenericRecord decode(byte[] payload) {
        return decode(payload, null);
    }

    /**
     * Like {@link #decode(byte[])}, but fills {@code reuse} (and its strings and arrays) when it has the payload's writer
     * schema, instead of allocating a new record: for a caller that is done with the previous record before the next.
     */
    public GenericRecord decode(byte[] payload, GenericRecord reuse) {
        int schemaId = ConfluentWireFormat.schemaIdOf(payload);
        GenericDatumReader<GenericRecord> reader = readerFor(schemaId);
        int bodyLength = payload.length - ConfluentWireFormat.HEADER_LENGTH;
        decoder.reset(payload, ConfluentWireFormat.HEADER_LENGTH, bodyLength);
        GenericRecord record;
        try {
            record = reader.read(reuse != null && reuse.getSchema() == reader.getSchema() ? reuse : null, decoder);
        } catch (EOFException e) {
            throw new WireFormatException(
                    "truncated Avro body for schema id " + schemaId + ": the " + bodyLength
                            + "-byte body ends inside the record (" + e.getMessage() + ")",
                    e);
        } catch (IOException | RuntimeException e) {
            // besides the decoder's own checks, Avro reports bad data as runtime exceptions (bad union or enum index)
            throw new WireFormatException(
                    "corrupt Avro body for schema id " + schemaId + " (" + bodyLength + " bytes): "
                            + (e.getMessage() != null ? e.getMessage() : e.toString()),
                    e);
        }
        if (decoder.remaining() > 0) {
            throw new WireFormatException("corrupt Avro body for schema id " + schemaId + ": " + decoder.remaining()
                    + " of its " + bodyLength + " bytes are left after the record");
        }
        return record;
    }

    private GenericDatumReader<GenericRecord> readerFor(int schemaId) {
        if (schemaId == lastSchemaId) {
            return lastReader;
        }
        GenericDatumReader<GenericRecord> reader = readers.get(schemaId);
        if (reader == null) {
            Schema schema = writerSchemas.apply(schemaId);
            reader = new GenericDatumReader<>(schema);
            readers.put(schemaId, reader);
        }
        lastSchemaId = schemaId;
        lastReader = reader;
        return reader;
    }
}
