package io.chingest.producer.map;

/** Parses whole numbers in ASCII digits with an optional sign into Long, rejecting anything out of range. Stateless. */
final class LongConverter implements FieldConverter {
    static final LongConverter INSTANCE = new LongConverter();

    private LongConverter() {}

    @Override
    public Object convert(String text) {
        return WholeNumberSyntax.parse(text, "long");
    }

    @Override
    public String typeName() {
        return "long";
    }
}
