package io.chingest.consumer.encode;

import io.chingest.common.wire.AvroWireDecoder;
import org.apache.avro.generic.GenericRecord;

/**
 * The program's {@link RecordDecoder}: common's {@link AvroWireDecoder}, reusing the previous record of the same writer
 * schema, which saves a record, its strings and their arrays per Kafka record. Not thread-safe, like the decoder it wraps.
 */
public final class WireRecordDecoder implements RecordDecoder {
    private final AvroWireDecoder wire;

    public WireRecordDecoder(AvroWireDecoder wire) {
        this.wire = wire;
    }

    @Override
    public GenericRecord decode(byte[] payload) {
        return wire.decode(payload);
    }

    @Override
    public GenericRecord decode(byte[] payload, GenericRecord reuse) {
        return wire.decode(payload, reuse);
    }
}
