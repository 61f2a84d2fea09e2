package io.chingest.common.mapping;

/** A ClickHouse column type; precision/scale only meaningful for DECIMAL (else 0). Immutable. */
public record ClickHouseType(ClickHouseBaseType base, boolean nullable, int precision, int scale) {

    public String sql() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
