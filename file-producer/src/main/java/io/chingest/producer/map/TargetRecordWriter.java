package io.chingest.producer.map;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Writes the records {@link RowToAvroMapper} makes in Avro binary, bytes for bytes what {@code GenericDatumWriter}
 * writes, with each field's encoding worked out once from the schema: per value a switch on the field's kind and a
 * cast, where the generic writer resolves every nullable value's union branch by its type's name in a hash map and
 * looks for a logical-type conversion by class. It was a fifth of the reading thread's time. Only the field types
 * {@link TargetSchema} accepts occur. Immutable and thread-safe (the encoder passed in is the caller's).
 */
final class TargetRecordWriter implements DatumWriter<GenericRecord> {

    /** How a field's value (without its null branch) is written. */
    private enum Kind {
        STRING,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        BOOLEAN,
        BYTES,
        FIXED
    }

    private static final int NOT_NULLABLE = -1;

    private final Schema schema;
    private final Kind[] kinds;
    /** Per field: the union branch of null, or NOT_NULLABLE. */
    private final int[] nullBranches;
    /** Per field: the union branch of the value (0 for a field that is no union). */
    private final int[] valueBranches;

    TargetRecordWriter(Schema recordSchema) {
        this.schema = recordSchema;
        int count = recordSchema.getFields().size();
        this.kinds = new Kind[count];
        this.nullBranches = new int[count];
        this.valueBranches = new int[count];
        for (Schema.Field field : recordSchema.getFields()) {
            int position = field.pos();
            Schema type = field.schema();
            nullBranches[position] = NOT_NULLABLE;
            if (type.getType() == Schema.Type.UNION) {
                for (int branch = 0; branch < type.getTypes().size(); branch++) {
                    if (type.getTypes().get(branch).getType() == Schema.Type.NULL) {
                        nullBranches[position] = branch;
                    } else {
                        valueBranches[position] = branch;
                    }
                }
                type = type.getTypes().get(valueBranches[position]);
            }
            kinds[position] = kindOf(field, type);
        }
    }

    private static Kind kindOf(Schema.Field field, Schema type) {
        return switch (type.getType()) {
            case STRING -> Kind.STRING;
            case INT -> Kind.INT;
            case LONG -> Kind.LONG;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
            case BYTES -> Kind.BYTES;
            case FIXED -> Kind.FIXED;
            default ->
                throw new IllegalArgumentException(
                        "field '" + field.name() + "' has type " + type + ", which file-producer does not write");
        };
    }

    /** The record schema is fixed at construction; another one is refused. */
    @Override
    public void setSchema(Schema other) {
        if (!schema.equals(other)) {
            throw new IllegalArgumentException("this writer writes " + schema.getFullName() + " as it was given");
        }
    }

    @Override
    public void write(GenericRecord record, Encoder out) throws IOException {
        for (int position = 0; position < kinds.length; position++) {
            Object value = record.get(position);
            int nullBranch = nullBranches[position];
            if (nullBranch != NOT_NULLABLE) {
                if (value == null) {
                    out.writeIndex(nullBranch);
                    out.writeNull();
                    continue;
                }
                out.writeIndex(valueBranches[position]);
            } else if (value == null) {
                throw new NullPointerException(
                        "null of field '" + schema.getFields().get(position).name() + "', which is not nullable");
            }
            switch (kinds[position]) {
                case STRING -> out.writeString((CharSequence) value);
                case INT -> out.writeInt((Integer) value);
                case LONG -> out.writeLong((Long) value);
                case FLOAT -> out.writeFloat((Float) value);
                case DOUBLE -> out.writeDouble((Double) value);
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case BYTES -> out.writeBytes((ByteBuffer) value);
                case FIXED -> out.writeFixed(((GenericFixed) value).bytes());
            }
        }
    }
}
