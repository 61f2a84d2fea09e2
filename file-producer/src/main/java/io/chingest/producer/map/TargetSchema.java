package io.chingest.producer.map;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
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
     * @throws UnsupportedAvroTypeException naming the first field whose type a delimited column cannot become, whose
     *     decimal is invalid, or whose type has no ClickHouse column
     */
    public static TargetSchema of(Schema recordSchema) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("the schema must be an Avro record, not "
                    + recordSchema.getType().getName());
        }
        for (Schema.Field field : recordSchema.getFields()) {
            // before the common mapping, whose reasons speak of ClickHouse: this program reads text, not a server
            readableFromText(recordSchema, field);
        }
        List<ColumnMapping> columns = AvroToClickHouseMapping.columnsOf(recordSchema);
        List<TargetField> fields = new ArrayList<>(columns.size());
        for (Schema.Field field : recordSchema.getFields()) {
            ColumnMapping column = columns.get(field.pos());
            FieldConverter converter = FieldConverter.of(column.type(), withoutNull(field.schema()));
            Object defaultValue = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
            fields.add(new TargetField(field, converter, column.type().nullable(), defaultValue));
        }
        return new TargetSchema(recordSchema, List.copyOf(fields));
    }

    /** @throws UnsupportedAvroTypeException when a delimited column cannot become a value of the field's type */
    private static void readableFromText(Schema record, Schema.Field field) {
        Schema value = withoutNull(field.schema());
        String unsupported = "field '" + field.name() + "' of record " + record.getFullName() + " has Avro type "
                + value + ", which is not supported: ";
        if ("decimal".equals(value.getProp(LogicalType.LOGICAL_TYPE_PROP)) && value.getLogicalType() == null) {
            // Avro drops a decimal it finds invalid, which would leave plain bytes and hide the reason
            throw new UnsupportedAvroTypeException(
                    "field '" + field.name() + "' of record " + record.getFullName() + ": " + invalidDecimal(value));
        }
        if (!FieldConverter.handles(value)) {
            throw new UnsupportedAvroTypeException(unsupported + "file-producer cannot map a delimited column to "
                    + typeName(value) + "; a column maps to string, int, long, float, double, boolean, date (int),"
                    + " timestamp-millis (long) or decimal (bytes or fixed), or to a union of null and one of them");
        }
    }

    private static String invalidDecimal(Schema decimal) {
        Object precision = decimal.getObjectProp("precision");
        Object scale = decimal.getObjectProp("scale");
        if (precision instanceof Integer p && p > 0 && scale instanceof Integer s && (s < 0 || s > p)) {
            return "decimal precision " + p + " and scale " + s + ": the scale must be between 0 and the precision";
        }
        try {
            LogicalTypes.fromSchema(decimal);
            return "decimal precision " + precision + " and scale " + scale + " are not valid";
        } catch (IllegalArgumentException e) {
            return "decimal precision " + precision + " and scale " + scale + ": " + e.getMessage();
        }
    }

    private static String typeName(Schema value) {
        String name = value.getType() == Schema.Type.UNION
                ? "a union of " + value.getTypes().size() + " types"
                : "an Avro " + value.getType().getName();
        String logical = value.getProp(LogicalType.LOGICAL_TYPE_PROP);
        return logical == null ? name : name + " of logical type " + logical;
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
