package io.chingest.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "region", "type": ["null", "string"]},
              {"name": "price", "type": "double"},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}}]}""");

    @Test
    void theKeyIsTheTextOfTheFieldsJoinedByABar() {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("id", 42L);
        record.put("region", "eu");

        assertThat(RecordKeys.of(SCHEMA, List.of()).apply(record)).isNull();
        assertThat(text(RecordKeys.of(SCHEMA, List.of("id")).apply(record))).isEqualTo("42");
        assertThat(text(RecordKeys.of(SCHEMA, List.of("region", " id")).apply(record)))
                .isEqualTo("eu|42");
        record.put("region", null);
        assertThat(text(RecordKeys.of(SCHEMA, List.of("region", "id")).apply(record)))
                .isEqualTo("|42");
    }

    @Test
    void onlyStringIntAndLongFieldsOfTheSchemaCanBeKeys() {
        assertThatThrownBy(() -> RecordKeys.of(SCHEMA, List.of("nope"))).hasMessage("the schema has no field 'nope'");
        assertThatThrownBy(() -> RecordKeys.of(SCHEMA, List.of("price")))
                .hasMessage("field 'price' is \"double\"; a key field must be a string, int or long");
        assertThatThrownBy(() -> RecordKeys.of(SCHEMA, List.of("day")))
                .hasMessageStartingWith("field 'day' is {\"type\":\"int\",\"logicalType\":\"date\"}");
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
