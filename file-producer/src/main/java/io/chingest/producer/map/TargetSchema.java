package io.chingest.producer.map;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;

/**
 * The declared record schema, checked once against the types the pipeline supports and compiled into one converter
 * per field. Immutable and thread-safe.
 */
public final class TargetSchema {

    private final Schema schema;
    private final List<TargetField> fields;
    private final TargetRecordWriter writer;

    private TargetSchema(Schema schema, List<TargetField> fields) {
        this.schema = schema;
        this.fields = fields;
        this.writer = new TargetRecordWriter(schema);
    }

    /**
     * @throws IllegalArgumentException     when the schema is not a record
     * @throws UnsupportedAvroTypeException naming the first field whose type has no ClickHouse column
     */
    public static TargetSchema of(Schema recordSchema) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("the schema must be an Avro record, not "
                    + recordSchema.getType().getName());
        }
        List<ColumnMapping> columns = AvroToClickHouseMapping.columnsOf(recordSchema);
        List<TargetField> fields = new ArrayList<>(columns.size());
        for (Schema.Field field : recordSchema.getFields()) {
            ColumnMapping column = columns.get(field.pos());
            if (!FieldConverter.handles(withoutNull(field.schema()))) {
                throw new UnsupportedAvroTypeException(
                        "field '" + field.name() + "' of record " + recordSchema.getFullName()
                                + " has Avro type " + withoutNull(field.schema())
                                + ", which is not supported: file-producer cannot read it"
                                + " from delimited text (only string, int, long, float, double, boolean, date, timestamp-millis and decimal)");
            }
            FieldConverter converter = FieldConverter.of(column.type(), withoutNull(field.schema()));
            Object defaultValue = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
            fields.add(new TargetField(field, converter, column.type().nullable(), defaultValue));
        }
        return new TargetSchema(recordSchema, List.copyOf(fields));
    }

    public Schema schema() {
        return schema;
    }

    /** Writes the records of this schema the mapper makes, as Avro's generic writer would but faster. */
    public DatumWriter<GenericRecord> writer() {
        return writer;
    }

    /** In schema order: the field at index n has position n. */
    List<TargetField> fields() {
        return fields;
    }

    private static Schema withoutNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }
}
