package io.chingest.common.wire;

import static io.chingest.common.wire.WireTestSchemas.ALL_TYPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.registry.SchemaNotFoundException;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.testing.SchemaRegistryExtension;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SchemaRegistryExtension.class)
class AvroWireRegistryIT {

    @Test
    void payloadEncodedWithARegisteredIdDecodesWithTheSchemaFetchedFromTheRegistry() {
        String subject = SchemaRegistryClient.valueSubject("wire-" + UUID.randomUUID());
        int id = new SchemaRegistryClient(SchemaRegistryExtension.url()).register(subject, ALL_TYPES);
        GenericRecord record = new GenericData.Record(ALL_TYPES);
        record.put("s", "ünïcode");
        record.put("i", 7);
        record.put("l", -8L);
        record.put("f", 0.5f);
        record.put("d", 1e100);
        record.put("b", false);
        record.put("amount", ByteBuffer.wrap(BigInteger.valueOf(123_4567).toByteArray()));
        record.put("day", 20_000);
        record.put("at", 1_700_000_000_999L);
        record.put("maybe", "here");
        record.put("maybeLast", null);
        byte[] payload = new AvroWireEncoder(id, ALL_TYPES).encode(record);

        // a fresh client knows nothing: the decoder must fetch the writer schema by id
        GenericRecord back =
                new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url())).decode(payload);

        assertThat(back.getSchema()).isEqualTo(ALL_TYPES);
        assertThat(back.toString()).isEqualTo(record.toString());
        assertThat(back.get("maybe")).isEqualTo(new Utf8("here"));
    }

    @Test
    void payloadWithAnIdTheRegistryDoesNotKnowIsSchemaNotFound() {
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0x7f, 0, 0, 1, 0}))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("/schemas/ids/" + 0x7f000001 + " answered HTTP 404");
    }
}
