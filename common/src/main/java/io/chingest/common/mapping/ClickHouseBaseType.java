package io.chingest.common.mapping;

/**
 * The ClickHouse column type families ch-ingest reads and writes. {@link #ARRAY} and {@link #MAP} take element types,
 * {@link #DECIMAL}, {@link #DATETIME64}, {@link #FIXED_STRING}, {@link #ENUM8} and {@link #ENUM16} take parameters
 * (see {@link ClickHouseType}). Immutable.
 */
public enum ClickHouseBaseType {
    STRING,
    INT8,
    INT16,
    INT32,
    INT64,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    FLOAT32,
    FLOAT64,
    BOOL,
    DECIMAL,
    DATE,
    DATETIME,
    DATETIME64,
    UUID,
    FIXED_STRING,
    ENUM8,
    ENUM16,
    ARRAY,
    MAP;

    /** True for the signed and unsigned integer families (not Bool). */
    public boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }
}
