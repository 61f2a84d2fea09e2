package io.chingest.producer.map;

/** Keeps text as it is, for Avro string fields. Stateless. */
final class StringConverter implements FieldConverter {
    static final StringConverter INSTANCE = new StringConverter();

    private StringConverter() {}

    @Override
    public Object convert(String text) {
        return text;
    }

    @Override
    public String typeName() {
        return "string";
    }
}
