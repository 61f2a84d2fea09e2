package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.header;
import static io.chingest.consumer.it.IngestFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.deadletter.DeadLetterHeaders;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every Avro field type to ClickHouse column type pair that 18.16 has, against the real server: a table created with
 * explicit column types, records with each width's edge values published, the consumer run to the end of the topic,
 * every value read back as the server prints it. Records with a value their column cannot hold go to the dead-letter
 * topic naming the column, and the rows around them are inserted.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class TypeMatrixIT {
    private static final String COLOR =
            "{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\", \"GREEN\", \"BLUE\", \"PURPLE\"]}";
    private static final String HASH = "{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 4}";
    private static final String UUID = "{\"type\": \"string\", \"logicalType\": \"uuid\"}";
    private static final String TIME_MILLIS = "{\"type\": \"int\", \"logicalType\": \"time-millis\"}";
    private static final String TIMESTAMP_MICROS = "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}";

    /** One field feeding one column: its Avro type, the column's type, and how the check reads it back. */
    private record Pair(String name, String avroType, String columnType, String select) {
        Pair(String name, String avroType, String columnType) {
            this(name, avroType, columnType, name);
        }
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("color_e8", COLOR, "Enum8('RED' = -128, 'GREEN' = 0, 'BLUE' = 127)"),
            new Pair("color_e16", "\"Color\"", "Enum16('RED' = -32768, 'GREEN' = 1000, 'BLUE' = 32767, 'PURPLE' = 5)"),
            new Pair("color_lc", "\"Color\"", "LowCardinality(String)"),
            new Pair("color_str", "\"Color\"", "String"),
            new Pair("id_uuid", UUID, "UUID"),
            new Pair("id_str", UUID, "String"),
            new Pair("blob_str", "\"bytes\"", "String", "hex(blob_str)"),
            new Pair("blob_fixed", "\"bytes\"", "FixedString(6)", "hex(blob_fixed)"),
            new Pair("hash_fixed", HASH, "FixedString(4)", "hex(hash_fixed)"),
            new Pair("hash_wide", "\"Hash\"", "FixedString(5)"),
            new Pair("hash_str", "\"Hash\"", "String", "hex(hash_str)"),
            new Pair("time_i32", TIME_MILLIS, "Int32"),
            new Pair("time_u32", TIME_MILLIS, "UInt32"),
            // epoch seconds: 18.16 prints DateTime 0 as 0000-00-00 00:00:00 and wraps dates past 2105 when printing
            new Pair("at_dt", TIMESTAMP_MICROS, "DateTime('UTC')", "toUInt32(at_dt), toString(at_dt)"),
            new Pair("ints", "{\"type\": \"array\", \"items\": \"int\"}", "Array(Int32)"),
            new Pair("maybe_ints", "{\"type\": \"array\", \"items\": [\"null\", \"int\"]}", "Array(Nullable(Int32))"),
            new Pair("words", "{\"type\": \"array\", \"items\": \"string\"}", "Array(String)"),
            new Pair(
                    "nested",
                    "{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": \"string\"}}",
                    "Array(Array(String))"),
            new Pair("small", "{\"type\": \"array\", \"items\": \"int\"}", "Array(UInt8)"),
            new Pair("ok", "\"boolean\"", "UInt8"),
            new Pair("i8", "\"int\"", "Int8"),
            new Pair("i16", "\"int\"", "Int16"),
            new Pair("i32n", "\"int\"", "Nullable(Int32)"),
            new Pair("u8", "\"int\"", "UInt8"),
            new Pair("u16", "\"int\"", "UInt16"),
            new Pair("u32", "\"int\"", "UInt32"),
            new Pair("u64", "\"int\"", "UInt64"),
            new Pair("i64", "\"int\"", "Int64"),
            new Pair("l_i64", "\"long\"", "Int64"),
            new Pair("l_u64", "\"long\"", "UInt64"),
            new Pair("l_u32", "\"long\"", "UInt32"),
            new Pair("name_lc", "\"string\"", "LowCardinality(String)"),
            new Pair("name_lcn", "[\"null\", \"string\"]", "LowCardinality(Nullable(String))"));

    private static final Schema SCHEMA = new Schema.Parser()
            .parse("{\"type\": \"record\", \"name\": \"Typed\", \"namespace\": \"io.test\","
                    + " \"fields\": ["
                    + PAIRS.stream()
                            .map(pair -> "{\"name\": \"" + pair.name() + "\", \"type\": " + pair.avroType() + "}")
                            .collect(Collectors.joining(", "))
                    + "]}");

    @RegisterExtension
    final ConsumerTestBed bed = new ConsumerTestBed("typed");

    @Test
    void everyPairIsStoredExactlyAndValuesOutOfTheirColumnsRangeAreDeadLetters() throws Exception {
        query("CREATE TABLE " + bed.table() + " ("
                + PAIRS.stream()
                        .map(pair -> pair.name() + " " + pair.columnType())
                        .collect(Collectors.joining(", "))
                + ", _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64)"
                + " ENGINE = MergeTree ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset)");
        bed.fixture().createTopic(bed.topic(), 1);
        bed.fixture().createTopic(bed.deadLetters(), 1);
        AvroWireEncoder encoder = new AvroWireEncoder(bed.fixture().register(bed.topic(), SCHEMA), SCHEMA);

        List<GenericRecord> records = new ArrayList<>(List.of(lowest(), highest(), typical()));
        records.add(with(typical(), "i8", 128));
        records.add(with(typical(), "color_e8", color("PURPLE")));
        records.add(with(typical(), "at_dt", -1L));
        records.add(with(typical(), "small", list(1, 256)));
        records.add(with(typical(), "id_uuid", new Utf8("not-a-uuid")));
        records.add(typical());
        for (GenericRecord record : records) {
            bed.fixture().publishRaw(bed.topic(), 0, encoder.encode(record));
        }

        RunningConsumer consumer = bed.startLoading("--stop-at-end", "--batch-max-rows", "3");
        assertThat(consumer.awaitExit()).isZero();

        String select = PAIRS.stream().map(Pair::select).collect(Collectors.joining(", "));
        assertThat(query("SELECT _kafka_offset, " + select + " FROM " + bed.table()
                        + " ORDER BY _kafka_offset FORMAT TabSeparated"))
                .isEqualTo(String.join(
                        "\n",
                        "0\t" + LOWEST_LINE,
                        "1\t" + HIGHEST_LINE,
                        "2\t" + TYPICAL_LINE,
                        "8\t" + TYPICAL_LINE,
                        ""));
        assertThat(bed.fixture().committed(bed.group()))
                .isEqualTo(bed.fixture().endOffsets(bed.topic(), 1))
                .containsValue(9L);

        List<ConsumerRecord<byte[], byte[]>> letters = bed.fixture().deadLetters(bed.deadLetters(), 5);
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterHeaders.OFFSET))
                .containsExactly("3", "4", "5", "6", "7");
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterHeaders.COLUMN))
                .containsExactly("i8", "color_e8", "at_dt", "small", "id_uuid");
        assertThat(letters)
                .allSatisfy(letter ->
                        assertThat(header(letter, DeadLetterHeaders.TABLE)).isEqualTo(bed.table()));
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .satisfiesExactly(
                        message ->
                                assertThat(message).endsWith("column i8: value 128 is outside Int8's range -128..127"),
                        message -> assertThat(message)
                                .endsWith("column color_e8: enum symbol 'PURPLE' is not one of the column's symbols"
                                        + " [RED, GREEN, BLUE]"),
                        message -> assertThat(message)
                                .contains("column at_dt: timestamp of -1 us since the epoch is outside"),
                        message -> assertThat(message)
                                .endsWith("column small: element 1: value 256 is outside UInt8's range 0..255"),
                        message -> assertThat(message).contains("column id_uuid: 'not-a-uuid' is not a UUID"));
        for (int i = 0; i < letters.size(); i++) {
            assertThat(letters.get(i).value())
                    .as("dead letter %d keeps the original bytes", i)
                    .isEqualTo(encoder.encode(records.get(3 + i)));
        }
    }

    private static final String LOWEST_LINE = String.join(
            "\t",
            "RED",
            "RED",
            "RED",
            "RED",
            "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-000000000000",
            "",
            "000000000000",
            "00000000",
            "\\0\\0\\0\\0\\0",
            "00000000",
            "0",
            "0",
            "0",
            "0000-00-00 00:00:00",
            "[]",
            "[]",
            "[]",
            "[]",
            "[]",
            "0",
            "-128",
            "-32768",
            "-2147483648",
            "0",
            "0",
            "0",
            "0",
            "-2147483648",
            "-9223372036854775808",
            "0",
            "0",
            "",
            "");

    private static GenericRecord lowest() {
        GenericRecord record = new GenericData.Record(SCHEMA);
        putColor(record, "RED");
        record.put("id_uuid", new Utf8("00000000-0000-0000-0000-000000000000"));
        record.put("id_str", new Utf8("00000000-0000-0000-0000-000000000000"));
        record.put("blob_str", ByteBuffer.allocate(0));
        record.put("blob_fixed", ByteBuffer.allocate(0));
        putHash(record, "00 00 00 00");
        record.put("time_i32", 0);
        record.put("time_u32", 0);
        record.put("at_dt", 0L);
        for (String array : List.of("ints", "maybe_ints", "words", "nested", "small")) {
            record.put(array, list());
        }
        record.put("ok", false);
        record.put("i8", -128);
        record.put("i16", -32768);
        record.put("i32n", Integer.MIN_VALUE);
        for (String unsigned : List.of("u8", "u16", "u32", "u64")) {
            record.put(unsigned, 0);
        }
        record.put("i64", Integer.MIN_VALUE);
        record.put("l_i64", Long.MIN_VALUE);
        record.put("l_u64", 0L);
        record.put("l_u32", 0L);
        record.put("name_lc", new Utf8(""));
        record.put("name_lcn", new Utf8(""));
        return record;
    }

    private static final String HIGHEST_LINE = String.join(
            "\t",
            "BLUE",
            "BLUE",
            "BLUE",
            "BLUE",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "00FF095C27",
            "00FF095C2700",
            "FFFFFFFF",
            "\\\\\\t\\n\\'\\0",
            "FFFFFFFF",
            "86399999",
            "86399999",
            "4294967295",
            "1970-01-01 06:28:15",
            "[-2147483648,2147483647]",
            "[NULL,1,NULL]",
            "['','it\\'s','tab\\there']",
            "[['a','b'],[]]",
            "[0,255]",
            "1",
            "127",
            "32767",
            "2147483647",
            "255",
            "65535",
            "2147483647",
            "2147483647",
            "2147483647",
            "9223372036854775807",
            "9223372036854775807",
            "4294967295",
            "é✓",
            "\\N");

    private static GenericRecord highest() {
        GenericRecord record = new GenericData.Record(SCHEMA);
        putColor(record, "BLUE");
        record.put("id_uuid", new Utf8("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        record.put("id_str", new Utf8("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        record.put("blob_str", ByteBuffer.wrap(HexFormat.of().parseHex("00FF095C27")));
        record.put("blob_fixed", ByteBuffer.wrap(HexFormat.of().parseHex("00FF095C27")));
        putHash(record, "FF FF FF FF");
        record.put("hash_wide", hash("5C 09 0A 27"));
        record.put("time_i32", 86_399_999);
        record.put("time_u32", 86_399_999);
        record.put("at_dt", 4_294_967_295_999_999L);
        record.put("ints", list(Integer.MIN_VALUE, Integer.MAX_VALUE));
        record.put("maybe_ints", list(null, 1, null));
        record.put("words", list(new Utf8(""), new Utf8("it's"), new Utf8("tab\there")));
        record.put("nested", list(list(new Utf8("a"), new Utf8("b")), list()));
        record.put("small", list(0, 255));
        record.put("ok", true);
        record.put("i8", 127);
        record.put("i16", 32767);
        record.put("i32n", Integer.MAX_VALUE);
        record.put("u8", 255);
        record.put("u16", 65535);
        record.put("u32", Integer.MAX_VALUE);
        record.put("u64", Integer.MAX_VALUE);
        record.put("i64", Integer.MAX_VALUE);
        record.put("l_i64", Long.MAX_VALUE);
        record.put("l_u64", Long.MAX_VALUE);
        record.put("l_u32", 4_294_967_295L);
        record.put("name_lc", new Utf8("é✓"));
        record.put("name_lcn", null);
        return record;
    }

    private static final String TYPICAL_LINE = String.join(
            "\t",
            "GREEN",
            "GREEN",
            "GREEN",
            "GREEN",
            "01234567-89ab-cdef-0011-223344556677",
            "01234567-89ab-cdef-0011-223344556677",
            "6869",
            "686900000000",
            "DEADBEEF",
            "abcd\\0",
            "DEADBEEF",
            "45296789",
            "45296789",
            "1700000000",
            "2023-11-14 22:13:20",
            "[7]",
            "[NULL]",
            "['x']",
            "[['c']]",
            "[1]",
            "1",
            "-1",
            "-2",
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "-6",
            "7",
            "8",
            "abc",
            "n");

    private static GenericRecord typical() {
        GenericRecord record = new GenericData.Record(SCHEMA);
        putColor(record, "GREEN");
        record.put("id_uuid", new Utf8("01234567-89ab-cdef-0011-223344556677"));
        record.put("id_str", new Utf8("01234567-89ab-cdef-0011-223344556677"));
        record.put("blob_str", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        record.put("blob_fixed", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        putHash(record, "DE AD BE EF");
        record.put("hash_wide", hash("61 62 63 64"));
        record.put("time_i32", 45_296_789);
        record.put("time_u32", 45_296_789);
        record.put("at_dt", 1_700_000_000_123_456L);
        record.put("ints", list(7));
        record.put("maybe_ints", list((Object) null));
        record.put("words", list(new Utf8("x")));
        record.put("nested", list(list(new Utf8("c"))));
        record.put("small", list(1));
        record.put("ok", true);
        int i = -1;
        for (String signed : List.of("i8", "i16")) {
            record.put(signed, i--);
        }
        record.put("i32n", 0);
        int u = 1;
        for (String unsigned : List.of("u8", "u16", "u32", "u64", "i64")) {
            record.put(unsigned, u++);
        }
        record.put("l_i64", -6L);
        record.put("l_u64", 7L);
        record.put("l_u32", 8L);
        record.put("name_lc", new Utf8("abc"));
        record.put("name_lcn", new Utf8("n"));
        return record;
    }

    private static void putColor(GenericRecord record, String symbol) {
        for (String field : List.of("color_e8", "color_e16", "color_lc", "color_str")) {
            record.put(field, color(symbol));
        }
    }

    private static void putHash(GenericRecord record, String hex) {
        for (String field : List.of("hash_fixed", "hash_wide", "hash_str")) {
            record.put(field, hash(hex));
        }
    }

    private static GenericData.EnumSymbol color(String symbol) {
        return new GenericData.EnumSymbol(SCHEMA.getField("color_e8").schema(), symbol);
    }

    private static GenericData.Fixed hash(String hex) {
        return new GenericData.Fixed(
                SCHEMA.getField("hash_fixed").schema(), HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static GenericRecord with(GenericRecord record, String field, Object value) {
        record.put(field, value);
        return record;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }
}
