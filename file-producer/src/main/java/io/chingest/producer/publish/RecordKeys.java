package io.chingest.producer.publish;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The record key from {@code --key-field F,...}: the UTF-8 text of each named field's value (string, int or long;
 * NULL as the empty text), joined with {@code |} when there are several; no fields, no key (Kafka then spreads the
 * records over the partitions). Immutable and thread-safe.
 */
public final class RecordKeys implements Function<GenericRecord, byte[]> {

    /** Keys are null: records are spread over the partitions. */
    public static final Function<GenericRecord, byte[]> NONE = record -> null;

    private final int[] positions;

    private RecordKeys(int[] positions) {
        this.positions = positions;
    }

    /**
     * @throws IllegalArgumentException naming a field the schema does not have or whose type cannot be a key
     */
    public static Function<GenericRecord, byte[]> of(Schema schema, List<String> fields) {
        if (fields.isEmpty()) {
            return NONE;
        }
        int[] positions = new int[fields.size()];
        for (int i = 0; i < positions.length; i++) {
            Schema.Field field = schema.getField(fields.get(i).strip());
            if (field == null) {
                throw new IllegalArgumentException(
                        "the schema has no field '" + fields.get(i).strip() + "'");
            }
            Schema type = field.schema();
            if (type.getType() == Schema.Type.UNION) {
                type = type.getTypes().stream()
                        .filter(branch -> branch.getType() != Schema.Type.NULL)
                        .findFirst()
                        .orElse(type);
            }
            boolean keyable = type.getLogicalType() == null
                    && (type.getType() == Schema.Type.STRING
                            || type.getType() == Schema.Type.INT
                            || type.getType() == Schema.Type.LONG);
            if (!keyable) {
                throw new IllegalArgumentException(
                        "field '" + field.name() + "' is " + type + "; a key field must be" + " a string, int or long");
            }
            positions[i] = field.pos();
        }
        return new RecordKeys(positions);
    }

    @Override
    public byte[] apply(GenericRecord record) {
        if (positions.length == 1) {
            return text(record.get(positions[0]));
        }
        ByteArrayOutputStream key = new ByteArrayOutputStream(32);
        for (int i = 0; i < positions.length; i++) {
            if (i > 0) {
                key.write('|');
            }
            key.writeBytes(text(record.get(positions[i])));
        }
        return key.toByteArray();
    }

    private static byte[] text(Object value) {
        return value == null ? new byte[0] : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
