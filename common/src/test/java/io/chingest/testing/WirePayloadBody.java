package io.chingest.testing;

import io.chingest.common.wire.ConfluentWireFormat;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the Avro body of a Confluent wire-format payload with plain Avro, for test doubles of a registry-backed
 * decoder: the header's schema id is skipped, not looked up. Stateless, thread-safe.
 */
public final class WirePayloadBody {
    private WirePayloadBody() {}

    /** The record the body after the header holds, read with {@code schema}; IOException when the body is cut short. */
    public static GenericRecord read(Schema schema, byte[] payload) throws IOException {
        return new GenericDatumReader<GenericRecord>(schema)
                .read(
                        null,
                        DecoderFactory.get()
                                .binaryDecoder(
                                        payload,
                                        ConfluentWireFormat.HEADER_LENGTH,
                                        payload.length - ConfluentWireFormat.HEADER_LENGTH,
                                        null));
    }
}
