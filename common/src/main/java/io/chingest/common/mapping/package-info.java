/** Avro record schema to ClickHouse columns and CREATE TABLE statements. */
package io.chingest.common.mapping;
