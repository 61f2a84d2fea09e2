package io.chingest.common.wire;

import static io.chingest.common.wire.WireTestSchemas.ALL_TYPES;
import static io.chingest.common.wire.WireTestSchemas.PERSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.registry.SchemaNotFoundException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class AvroWireDecoderTest {

    /** Registry stand-in: knows the given ids, records every lookup. */
    private static final class KnownSchemas implements java.util.function.IntFunction<Schema> {
        final Map<Integer, Schema> schemas;
        final List<Integer> lookups = new ArrayList<>();

        KnownSchemas(Map<Integer, Schema> schemas) {
            this.schemas = schemas;
        }

        @Override
        public Schema apply(int id) {
            lookups.add(id);
            Schema schema = schemas.get(id);
            if (schema == null) {
                throw new SchemaNotFoundException("schema id " + id + " not found", 404, 40403);
            }
            return schema;
        }
    }

    private static GenericRecord person(int id, String name) {
        GenericRecord record = new GenericData.Record(PERSON);
        record.put("id", id);
        record.put("name", name);
        return record;
    }

    @Test
    void decodesEveryContractTypeToItsGenericRepresentation() {
        GenericRecord record = new GenericData.Record(ALL_TYPES);
        record.put("s", "text");
        record.put("i", -17);
        record.put("l", 1L << 40);
        record.put("f", 1.5f);
        record.put("d", -2.25d);
        record.put("b", true);
        record.put("amount", ByteBuffer.wrap(BigInteger.valueOf(-1234567).toByteArray()));
        record.put("day", 19_000);
        record.put("at", 1_700_000_000_123L);
        record.put("maybe", null);
        record.put("maybeLast", 5L);
        byte[] payload = new AvroWireEncoder(3, ALL_TYPES).encode(record);

        GenericRecord back = new AvroWireDecoder(new KnownSchemas(Map.of(3, ALL_TYPES))).decode(payload);

        assertThat(back.get("s")).isEqualTo(new Utf8("text"));
        assertThat(back.get("i")).isEqualTo(-17);
        assertThat(back.get("l")).isEqualTo(1L << 40);
        assertThat(back.get("f")).isEqualTo(1.5f);
        assertThat(back.get("d")).isEqualTo(-2.25d);
        assertThat(back.get("b")).isEqualTo(true);
        ByteBuffer amount = (ByteBuffer) back.get("amount");
        byte[] unscaled = new byte[amount.remaining()];
        amount.get(unscaled);
        assertThat(new BigInteger(unscaled)).isEqualTo(BigInteger.valueOf(-1234567));
        assertThat(back.get("day")).isEqualTo(19_000);
        assertThat(back.get("at")).isEqualTo(1_700_000_000_123L);
        assertThat(back.get("maybe")).isNull();
        assertThat(back.get("maybeLast")).isEqualTo(5L);
    }

    @Test
    void decodesExactBytes() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));

        GenericRecord record = decoder.decode(new byte[] {0, 0, 0, 0, 42, 0x02, 0x04, 'a', 'b'});

        assertThat(record.getSchema()).isEqualTo(PERSON);
        assertThat(record.get("id")).isEqualTo(1);
        assertThat(record.get("name")).isEqualTo(new Utf8("ab"));
    }

    @Test
    void reusedRecordTakesEveryValueOfTheNextPayload() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Reused", "namespace": "test", "fields": [
                  {"name": "id", "type": "int"},
                  {"name": "name", "type": "string"},
                  {"name": "maybe", "type": ["null", "string"]},
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}
                ]}""");
        AvroWireEncoder encoder = new AvroWireEncoder(7, schema);
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(7, schema, 8, PERSON)));
        GenericRecord first = decoder.decode(encoder.encode(reused(schema, 1, "a longer name", null, 123_456)));

        GenericRecord second = decoder.decode(encoder.encode(reused(schema, 2, "short", "here", -5)), first);
        assertThat(second).isSameAs(first);
        assertThat(second.get("id")).isEqualTo(2);
        assertThat(second.get("name")).isEqualTo(new Utf8("short"));
        assertThat(second.get("maybe")).isEqualTo(new Utf8("here"));
        assertThat(unscaled(second.get("amount"))).isEqualTo(BigInteger.valueOf(-5));

        GenericRecord third = decoder.decode(encoder.encode(reused(schema, 3, "", null, 0)), second);
        assertThat(third.get("name")).isEqualTo(new Utf8(""));
        assertThat(third.get("maybe")).isNull();
        assertThat(unscaled(third.get("amount"))).isEqualTo(BigInteger.ZERO);

        GenericRecord other = decoder.decode(new AvroWireEncoder(8, PERSON).encode(person(9, "p")), third);
        assertThat(other).isNotSameAs(third);
        assertThat(other.get("id")).isEqualTo(9);
        assertThat(third.get("id")).isEqualTo(3);
    }

    private static GenericRecord reused(Schema schema, int id, String name, String maybe, long unscaledAmount) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("name", name);
        record.put("maybe", maybe);
        record.put("amount", ByteBuffer.wrap(BigInteger.valueOf(unscaledAmount).toByteArray()));
        return record;
    }

    private static BigInteger unscaled(Object bytes) {
        ByteBuffer buffer = ((ByteBuffer) bytes).duplicate();
        byte[] unscaled = new byte[buffer.remaining()];
        buffer.get(unscaled);
        return new BigInteger(unscaled);
    }

    @Test
    void fetchesEachWriterSchemaOnce() {
        KnownSchemas registry = new KnownSchemas(Map.of(1, PERSON, 2, PERSON));
        AvroWireDecoder decoder = new AvroWireDecoder(registry);
        AvroWireEncoder one = new AvroWireEncoder(1, PERSON);
        AvroWireEncoder two = new AvroWireEncoder(2, PERSON);

        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode(one.encode(person(i, "a"))).get("id")).isEqualTo(i);
            assertThat(decoder.decode(two.encode(person(i, "b"))).get("name")).isEqualTo(new Utf8("b"));
        }

        assertThat(registry.lookups).containsExactly(1, 2);
    }

    @Test
    void keepsAtMostTheBoundedNumberOfReaders() {
        Map<Integer, Schema> schemas = new java.util.HashMap<>();
        for (int id = 1; id <= AvroWireDecoder.MAX_CACHED_READERS + 1; id++) {
            schemas.put(id, PERSON);
        }
        KnownSchemas registry = new KnownSchemas(schemas);
        AvroWireDecoder decoder = new AvroWireDecoder(registry);
        for (int id = 1; id <= AvroWireDecoder.MAX_CACHED_READERS + 1; id++) {
            decoder.decode(new AvroWireEncoder(id, PERSON).encode(person(id, "p")));
        }

        decoder.decode(new AvroWireEncoder(1, PERSON).encode(person(1, "p")));
        decoder.decode(new AvroWireEncoder(3, PERSON).encode(person(3, "p")));

        // id 1 was the least recently used and was dropped; id 3 was still cached
        assertThat(registry.lookups).hasSize(AvroWireDecoder.MAX_CACHED_READERS + 2);
        assertThat(registry.lookups.get(registry.lookups.size() - 1)).isEqualTo(1);
    }

    @Test
    void unknownSchemaIdIsSchemaNotFound() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of()));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 99, 0x02, 0x00}))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("schema id 99 not found");
    }

    @Test
    void wrongMagicByteIsAWireFormatError() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));

        assertThatThrownBy(() -> decoder.decode(new byte[] {7, 0, 0, 0, 42, 0x02, 0x00}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("magic byte 0x07, expected 0x00");
    }

    @Test
    void threeBytePayloadIsAWireFormatError() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("payload of 3 bytes, shorter than the 5-byte header");
    }

    @Test
    void truncatedBodyIsAWireFormatErrorNamingTheSchemaId() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));
        byte[] payload = new AvroWireEncoder(42, PERSON).encode(person(1, "abcdef"));
        byte[] truncated = Arrays.copyOf(payload, payload.length - 2);

        assertThatThrownBy(() -> decoder.decode(truncated))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("truncated Avro body for schema id 42: the 6-byte body ends inside the record "
                        + "(a string needs 6 bytes at body offset 2, 4 left)");
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 42}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("truncated Avro body for schema id 42: the 0-byte body ends inside the record "
                        + "(a varint needs 1 byte at body offset 0, 0 left)");
    }

    @Test
    void corruptBodyIsAWireFormatErrorNamingTheSchemaId() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));

        // string length -1 (zig-zag 0x01)
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 42, 0x02, 0x01, 'a'}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(
                        "corrupt Avro body for schema id 42 (3 bytes): negative length -1 of a string at body offset 2");
    }

    @Test
    void bytesLeftAfterTheRecordAreAWireFormatError() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 42, 0x02, 0x02, 'a', 'z'}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("corrupt Avro body for schema id 42: 1 of its 4 bytes are left after the record");
    }

    @Test
    void decoderRecoversAfterABadPayload() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 42, 0x02, 0x08, 'a'}))
                .isInstanceOf(WireFormatException.class);

        GenericRecord record = decoder.decode(new byte[] {0, 0, 0, 0, 42, 0x04, 0x02, 'q'});

        assertThat(record.get("id")).isEqualTo(2);
        assertThat(record.get("name")).isEqualTo(new Utf8("q"));
    }

    private static final Schema NESTED = new Schema.Parser().parse("""
            {"type": "record", "name": "Nested", "namespace": "test", "fields": [
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "counts", "type": {"type": "map", "values": "long"}},
              {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]}},
              {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
              {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "double"}]}},
              {"name": "choice", "type": ["null", "int", "string"]}
            ]}""");

    private static GenericRecord nested() {
        GenericRecord inner = new GenericData.Record(NESTED.getField("inner").schema());
        inner.put("x", 0.1d);
        GenericRecord record = new GenericData.Record(NESTED);
        record.put("tags", List.of("a", "bb", ""));
        record.put("counts", new java.util.TreeMap<>(Map.of("k1", 1L, "k2", -2L)));
        record.put("color", new GenericData.EnumSymbol(NESTED.getField("color").schema(), "GREEN"));
        record.put("hash", new GenericData.Fixed(NESTED.getField("hash").schema(), new byte[] {1, 2, 3, 4}));
        record.put("inner", inner);
        record.put("choice", "picked");
        return record;
    }

    @Test
    void decodesArraysMapsEnumsFixedNestedRecordsAndUnions() {
        byte[] payload = new AvroWireEncoder(5, NESTED).encode(nested());

        GenericRecord back = new AvroWireDecoder(new KnownSchemas(Map.of(5, NESTED))).decode(payload);

        assertThat(back.toString()).isEqualTo(nested().toString());
        assertThat(back.get("tags")).isInstanceOf(GenericData.Array.class);
        assertThat(((GenericData.Fixed) back.get("hash")).bytes()).containsExactly(1, 2, 3, 4);
        assertThat(back.get("choice")).isEqualTo(new Utf8("picked"));
    }

    @Test
    void decodesArraysAndMapsWrittenInSizedBlocks() throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 0, 0, 5});
        // the blocking encoder writes negative item counts followed by block sizes in bytes
        org.apache.avro.io.BinaryEncoder blocking =
                org.apache.avro.io.EncoderFactory.get().blockingBinaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<GenericRecord>(NESTED).write(nested(), blocking);
        blocking.flush();

        GenericRecord back = new AvroWireDecoder(new KnownSchemas(Map.of(5, NESTED))).decode(out.toByteArray());

        assertThat(back.toString()).isEqualTo(nested().toString());
    }

    @Test
    void hugeStringLengthInATinyPayloadIsRefusedBeforeAllocating() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(42, PERSON)));
        // id 1, then a string length of 1,000,000,000 (zig-zag varint 0x80 0xa8 0xd6 0xb9 0x07), then 2 bytes
        byte[] payload = {0, 0, 0, 0, 42, 0x02, (byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 'a', 'b'};

        assertThatThrownBy(() -> decoder.decode(payload))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("truncated Avro body for schema id 42: the 8-byte body ends inside the record "
                        + "(a string needs 1000000000 bytes at body offset 6, 2 left)");
    }

    @Test
    void hugeDecimalBytesLengthIsRefusedBeforeAllocating() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(1, ALL_TYPES)));
        GenericRecord record = new GenericData.Record(ALL_TYPES);
        record.put("s", "");
        record.put("i", 0);
        record.put("l", 0L);
        record.put("f", 0f);
        record.put("d", 0d);
        record.put("b", false);
        record.put("amount", ByteBuffer.wrap(new byte[] {1}));
        record.put("day", 0);
        record.put("at", 0L);
        record.put("maybeLast", null);
        byte[] payload = new AvroWireEncoder(1, ALL_TYPES).encode(record);
        // body: s(1) i(1) l(1) f(4) d(8) b(1) = offset 16 holds the bytes length 0x02; claim 2^30 instead
        int lengthAt = 5 + 16;
        assertThat(payload[lengthAt]).isEqualTo((byte) 0x02);
        byte[] hostile = new byte[payload.length + 4];
        System.arraycopy(payload, 0, hostile, 0, lengthAt);
        System.arraycopy(
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, 0, hostile, lengthAt, 5);
        System.arraycopy(payload, lengthAt + 1, hostile, lengthAt + 5, payload.length - lengthAt - 1);

        assertThatThrownBy(() -> decoder.decode(hostile))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("truncated Avro body for schema id 1: ")
                .hasMessageContaining("(bytes needs 1073741824 bytes at body offset 21, ");
    }

    @Test
    void hugeArrayCountIsRefusedBeforeAllocating() {
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(5, NESTED)));
        // tags: a block of 500,000,000 items (zig-zag varint 0x80 0x94 0xeb 0xdc 0x03), then nothing
        byte[] payload = {0, 0, 0, 0, 5, (byte) 0x80, (byte) 0x94, (byte) 0xeb, (byte) 0xdc, 0x03, 0x00};

        assertThatThrownBy(() -> decoder.decode(payload))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("truncated Avro body for schema id 5: the 6-byte body ends inside the record "
                        + "(an array block claims 500000000 items at body offset 5, 1 bytes left)");
    }

    @Test
    void badUnionIndexIsCorrupt() {
        Schema schema = new Schema.Parser()
                .parse(
                        "{\"type\": \"record\", \"name\": \"U\", \"fields\": [{\"name\": \"u\", \"type\": [\"null\", \"int\"]}]}");
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(8, schema)));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 8, 0x0a}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("corrupt Avro body for schema id 8 (1 bytes): ");
    }

    @Test
    void badBooleanByteIsCorrupt() {
        Schema schema = new Schema.Parser()
                .parse(
                        "{\"type\": \"record\", \"name\": \"B\", \"fields\": [{\"name\": \"b\", \"type\": \"boolean\"}]}");
        AvroWireDecoder decoder = new AvroWireDecoder(new KnownSchemas(Map.of(8, schema)));

        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0, 0, 8, 0x02}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(
                        "corrupt Avro body for schema id 8 (1 bytes): boolean byte 2 at body offset 0, expected 0 or 1");
    }
}
