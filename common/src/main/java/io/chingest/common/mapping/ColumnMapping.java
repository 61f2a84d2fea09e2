package io.chingest.common.mapping;

/** One table column fed by one Avro record field (same name). Immutable. */
public record ColumnMapping(String name, ClickHouseType type) {}
