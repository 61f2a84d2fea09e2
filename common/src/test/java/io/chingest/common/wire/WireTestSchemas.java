package io.chingest.common.wire;

import org.apache.avro.Schema;

/** Schemas shared by the wire-format tests. Immutable. */
final class WireTestSchemas {
    static final Schema PERSON = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test", "fields": [
              {"name": "id", "type": "int"},
              {"name": "name", "type": "string"}
            ]}""");

    static final Schema ALL_TYPES = new Schema.Parser().parse("""
            {"type": "record", "name": "AllTypes", "namespace": "test", "fields": [
              {"name": "s", "type": "string"},
              {"name": "i", "type": "int"},
              {"name": "l", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": "double"},
              {"name": "b", "type": "boolean"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "maybe", "type": ["null", "string"]},
              {"name": "maybeLast", "type": ["long", "null"]}
            ]}""");

    private WireTestSchemas() {}
}
