package io.chingest.common.mapping;

/** The ClickHouse column types an Avro field can map to. Immutable. */
public enum ClickHouseBaseType { STRING, INT32, INT64, FLOAT32, FLOAT64, UINT8, DECIMAL, DATE, DATETIME }
