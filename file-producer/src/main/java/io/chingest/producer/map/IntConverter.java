package io.chingest.producer.map;

/** Parses whole numbers in ASCII digits with an optional sign into Integer, rejecting anything out of range. Stateless. */
final class IntConverter implements FieldConverter {
    static final IntConverter INSTANCE = new IntConverter();

    private IntConverter() {}

    @Override
    public Object convert(String text) {
        long value = WholeNumberSyntax.parse(text, "int");
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ValueRejectedException("out of range for int");
        }
        return (int) value;
    }

    @Override
    public String typeName() {
        return "int";
    }
}
