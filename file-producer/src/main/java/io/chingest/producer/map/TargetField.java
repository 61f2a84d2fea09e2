package io.chingest.producer.map;

import org.apache.avro.Schema;

/**
 * One field of the target record: how its text converts, and what an absent value or an absent column becomes.
 * Immutable.
 */
final class TargetField {

    private final Schema.Field field;
    private final FieldConverter converter;
    private final boolean nullable;
    private final Object defaultValue;

    TargetField(Schema.Field field, FieldConverter converter, boolean nullable, Object defaultValue) {
        this.field = field;
        this.converter = converter;
        this.nullable = nullable;
        this.defaultValue = defaultValue;
    }

    String name() {
        return field.name();
    }

    int position() {
        return field.pos();
    }

    /** A file may leave this field's column out: the field is nullable or has a default. */
    boolean mayBeAbsent() {
        return nullable || field.hasDefaultValue();
    }

    /** The value for a file without this field's column: the schema default, else null. */
    Object absentValue() {
        return field.hasDefaultValue() ? defaultValue : null;
    }

    /**
     * The Avro value for the text of one value: null or empty text is null for a nullable field and "" for a
     * non-nullable string (a quoted "" stays "" for any string field).
     *
     * @throws ValueRejectedException when the text is not a value of the field's type
     */
    Object valueOf(String text) {
        if (text == null || text.isEmpty()) {
            if (converter == StringConverter.INSTANCE) {
                return text == null && nullable ? null : "";
            }
            if (nullable) {
                return null;
            }
            throw new ValueRejectedException("empty value for non-nullable " + converter.typeName());
        }
        return converter.convert(text);
    }
}
