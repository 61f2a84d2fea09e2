package io.chingest.producer.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.producer.parse.ParsedRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TargetRecordWriterTest {

    private static final Path FILE = Path.of("in", "all.csv");

    /** Every field type the producer maps, nullable with the null branch first and last, decimals as bytes and fixed. */
    private static final Schema ALL_TYPES = new Schema.Parser().parse("""
            {"type": "record", "name": "All", "namespace": "test", "fields": [
              {"name": "s", "type": "string"},
              {"name": "s_null", "type": ["null", "string"], "default": null},
              {"name": "i", "type": "int"},
              {"name": "i_null", "type": ["int", "null"]},
              {"name": "l", "type": "long"},
              {"name": "l_null", "type": ["null", "long"]},
              {"name": "f", "type": "float"},
              {"name": "d", "type": ["null", "double"]},
              {"name": "b", "type": "boolean"},
              {"name": "b_null", "type": ["boolean", "null"]},
              {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 4}},
              {"name": "dec_null", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}]},
              {"name": "dec_fixed", "type": {"type": "fixed", "name": "Dec16", "size": 16,
                                             "logicalType": "decimal", "precision": 38, "scale": 6}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
              {"name": "source", "type": "string", "default": "import"},
              {"name": "weight", "type": "double", "default": 1.5},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2},
               "default": "\\u0001\\u0000"}
            ]}""");

    private static final TargetSchema TARGET = TargetSchema.of(ALL_TYPES);

    private static final List<String> HEADER = List.of(
            "s",
            "s_null",
            "i",
            "i_null",
            "l",
            "l_null",
            "f",
            "d",
            "b",
            "b_null",
            "dec",
            "dec_null",
            "dec_fixed",
            "day",
            "at");

    @Test
    void writesEveryMappedRecordByteForByteAsAvrosGenericWriter() {
        // the last three fields have no column: the mapper puts their defaults in
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(TARGET, new ParsedRow(FILE, 1, HEADER));
        Random random = new Random(42);
        AvroWireEncoder generic = new AvroWireEncoder(7, ALL_TYPES);
        AvroWireEncoder compiled = new AvroWireEncoder(7, ALL_TYPES, TARGET.writer());
        int nulls = 0;
        for (int line = 2; line < 2002; line++) {
            List<String> values = randomRow(random);
            nulls += (int) values.stream().filter(value -> value == null).count();
            GenericRecord record = mapper.map(new ParsedRow(FILE, line, values));

            assertThat(compiled.encode(record)).as("line %d: %s", line, values).isEqualTo(generic.encode(record));
        }
        assertThat(nulls).as("null values among the rows").isGreaterThan(1000);
    }

    @Test
    void aNullInAFieldThatIsNotNullableIsRefusedNamingTheField() {
        GenericData.Record record = new GenericData.Record(ALL_TYPES);
        AvroWireEncoder compiled = new AvroWireEncoder(7, ALL_TYPES, TARGET.writer());

        assertThatThrownBy(() -> compiled.encode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 's'");
    }

    @Test
    void writesOnlyTheSchemaItWasMadeFor() {
        Schema other = new Schema.Parser().parse("""
                {"type": "record", "name": "Other", "fields": [{"name": "s", "type": "string"}]}""");

        TARGET.writer().setSchema(ALL_TYPES);
        assertThatThrownBy(() -> TARGET.writer().setSchema(other)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Values for HEADER: nulls in the nullable columns a third of the time, values across each type's range. */
    private static List<String> randomRow(Random random) {
        List<String> values = new ArrayList<>(Arrays.asList(
                text(random),
                random.nextInt(3) == 0 ? null : text(random),
                Integer.toString(random.nextInt()),
                random.nextInt(3) == 0 ? null : Integer.toString(random.nextInt(200) - 100),
                Long.toString(random.nextLong()),
                random.nextInt(3) == 0 ? null : Long.toString(random.nextLong() >> random.nextInt(64)),
                Float.toString(random.nextFloat() * 1e6f - 5e5f),
                random.nextInt(3) == 0 ? null : Double.toString(random.nextGaussian() * 1e12),
                random.nextBoolean() ? "true" : "false",
                random.nextInt(3) == 0 ? null : random.nextBoolean() ? "1" : "0",
                decimal(random, 26, 4),
                random.nextInt(3) == 0 ? null : decimal(random, 3, 2),
                decimal(random, 32, 6),
                String.format(
                        "%04d-%02d-%02d", 1900 + random.nextInt(300), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                random.nextInt(3) == 0
                        ? null
                        : String.format(
                                "2024-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                1 + random.nextInt(12),
                                1 + random.nextInt(28),
                                random.nextInt(24),
                                random.nextInt(60),
                                random.nextInt(60),
                                random.nextInt(1000))));
        return values;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            // ASCII, Latin-1, and a character outside the BMP now and then
            int kind = random.nextInt(10);
            text.appendCodePoint(kind < 7 ? 'a' + random.nextInt(26) : kind < 9 ? 0xE0 + random.nextInt(20) : 0x1F600);
        }
        return text.toString();
    }

    private static String decimal(Random random, int integerDigits, int scale) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        int digits = 1 + random.nextInt(integerDigits);
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        text.append('.');
        for (int i = 0; i < scale; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }
}
