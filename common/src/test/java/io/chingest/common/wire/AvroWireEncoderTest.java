package io.chingest.common.wire;

import static io.chingest.common.wire.WireTestSchemas.PERSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class AvroWireEncoderTest {

    private static GenericRecord person(int id, String name) {
        GenericRecord record = new GenericData.Record(PERSON);
        record.put("id", id);
        record.put("name", name);
        return record;
    }

    @Test
    void writesHeaderThenAvroBinary() {
        byte[] payload = new AvroWireEncoder(42, PERSON).encode(person(1, "ab"));

        // 0x00, id 42 big-endian, zig-zag int 1 = 0x02, string length 2 = 0x04, 'a', 'b'
        assertThat(payload).containsExactly(0, 0, 0, 0, 42, 0x02, 0x04, 'a', 'b');
    }

    @Test
    void writesLargeSchemaIdsBigEndian() {
        byte[] payload = new AvroWireEncoder(0x01020304, PERSON).encode(person(-1, ""));

        // zig-zag int -1 = 0x01, empty string = 0x00
        assertThat(payload).containsExactly(0, 1, 2, 3, 4, 0x01, 0x00);
    }

    @Test
    void bodyDecodesBackWithAvro() throws IOException {
        byte[] payload = new AvroWireEncoder(7, PERSON).encode(person(123456, "Zoë"));

        assertThat(ConfluentWireFormat.schemaIdOf(payload)).isEqualTo(7);
        GenericRecord back = new GenericDatumReader<GenericRecord>(PERSON)
                .read(null, DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null));
        assertThat(back.get("id")).isEqualTo(123456);
        assertThat(back.get("name")).hasToString("Zoë");
    }

    @Test
    void eachPayloadIsIndependentOfTheReusedBuffer() {
        AvroWireEncoder encoder = new AvroWireEncoder(1, PERSON);

        byte[] first = encoder.encode(person(1, "first"));
        byte[] copy = Arrays.copyOf(first, first.length);
        byte[] second = encoder.encode(person(2, "x"));

        assertThat(first).isEqualTo(copy);
        assertThat(second).containsExactly(0, 0, 0, 0, 1, 0x04, 0x02, 'x');
    }

    @Test
    void reusedBufferStaysAtItsInitialSizeForSmallRecords() {
        AvroWireEncoder encoder = new AvroWireEncoder(1, PERSON);
        int initial = encoder.retainedBufferBytes();

        for (int i = 0; i < 10_000; i++) {
            encoder.encode(person(i, "name-" + i));
        }

        assertThat(encoder.retainedBufferBytes()).isEqualTo(initial).isEqualTo(1024);
    }

    @Test
    void bufferGrownByAHugeRecordIsNotRetained() {
        AvroWireEncoder encoder = new AvroWireEncoder(1, PERSON);
        String big = "x".repeat(3 * 1024 * 1024);

        byte[] payload = encoder.encode(person(1, big));

        // header 5 + int 1 byte + length varint (3 MiB -> 4 bytes) + 3 MiB
        assertThat(payload).hasSize(5 + 1 + 4 + big.length());
        assertThat(payload[payload.length - 1]).isEqualTo((byte) 'x');
        assertThat(encoder.retainedBufferBytes()).isLessThanOrEqualTo(AvroWireEncoder.RETAINED_BUFFER_LIMIT);
        assertThat(encoder.encode(person(1, "ab"))).containsExactly(0, 0, 0, 0, 1, 0x02, 0x04, 'a', 'b');
    }

    @Test
    void bufferJustUnderTheLimitIsKept() {
        AvroWireEncoder encoder = new AvroWireEncoder(1, PERSON);

        encoder.encode(person(1, "x".repeat(AvroWireEncoder.RETAINED_BUFFER_LIMIT / 2)));

        assertThat(encoder.retainedBufferBytes())
                .isGreaterThan(AvroWireEncoder.RETAINED_BUFFER_LIMIT / 2)
                .isLessThanOrEqualTo(AvroWireEncoder.RETAINED_BUFFER_LIMIT);
    }

    @Test
    void invalidRecordNamesSchemaAndIdAndLeavesTheEncoderUsable() {
        AvroWireEncoder encoder = new AvroWireEncoder(9, PERSON);
        GenericRecord missingName = new GenericData.Record(PERSON);
        missingName.put("id", 5);

        assertThatThrownBy(() -> encoder.encode(missingName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot encode record as schema test.Person (id 9): ");
        assertThat(encoder.encode(person(1, "ab"))).containsExactly(0, 0, 0, 0, 9, 0x02, 0x04, 'a', 'b');
    }
}
