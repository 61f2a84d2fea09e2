package io.chingest.consumer.encode;

import org.apache.avro.generic.GenericRecord;

/**
 * Decodes one Confluent wire-format payload with its writer schema; {@code AvroWireDecoder::decode} in the program.
 * Implementations say their thread-safety.
 */
@FunctionalInterface
public interface RecordDecoder {

    /**
     * @throws io.chingest.common.wire.WireFormatException for a payload that is not in the wire format
     * @throws io.chingest.common.registry.SchemaNotFoundException for a schema id the registry proves unknown (40403)
     * @throws io.chingest.common.registry.UnreadableSchemaException for an id whose schema is not readable Avro
     * @throws io.chingest.common.registry.RegistryFaultException when the registry, or its URL, is at fault
     */
    GenericRecord decode(byte[] payload);

    /**
     * Like {@link #decode(byte[])}, but may fill {@code reuse} instead of allocating a record; the caller must be done
     * with {@code reuse}. Decoders that cannot reuse records decode anew.
     */
    default GenericRecord decode(byte[] payload, GenericRecord reuse) {
        return decode(payload);
    }
}
