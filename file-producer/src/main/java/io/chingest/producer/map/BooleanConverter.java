package io.chingest.producer.map;

import java.util.Locale;

/** Reads true/false, 1/0 and yes/no, in any letter case, as Boolean. Stateless. */
final class BooleanConverter implements FieldConverter {
    static final BooleanConverter INSTANCE = new BooleanConverter();

    private BooleanConverter() {
    }

    @Override
    public Object convert(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> throw new ValueRejectedException("not a boolean (true/false, 1/0, yes/no)");
        };
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
