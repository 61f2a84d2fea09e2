package io.chingest.producer.map;

/** Reads true/false, 1/0 and yes/no, in any letter case, as Boolean. Stateless. */
final class BooleanConverter implements FieldConverter {
    static final BooleanConverter INSTANCE = new BooleanConverter();

    private BooleanConverter() {}

    @Override
    public Object convert(String text) {
        // The words differ in length, so the length picks the only word the text can be.
        switch (text.length()) {
            case 1:
                char digit = text.charAt(0);
                if (digit == '1') {
                    return Boolean.TRUE;
                }
                if (digit == '0') {
                    return Boolean.FALSE;
                }
                break;
            case 2:
                if (AsciiCase.equalsLowercase(text, 0, "no")) {
                    return Boolean.FALSE;
                }
                break;
            case 3:
                if (AsciiCase.equalsLowercase(text, 0, "yes")) {
                    return Boolean.TRUE;
                }
                break;
            case 4:
                if (AsciiCase.equalsLowercase(text, 0, "true")) {
                    return Boolean.TRUE;
                }
                break;
            case 5:
                if (AsciiCase.equalsLowercase(text, 0, "false")) {
                    return Boolean.FALSE;
                }
                break;
            default:
                break;
        }
        throw new ValueRejectedException("not a boolean (true/false, 1/0, yes/no)");
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
