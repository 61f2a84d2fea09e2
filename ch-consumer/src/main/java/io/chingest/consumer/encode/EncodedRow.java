package io.chingest.consumer.encode;

import io.chingest.consumer.table.InsertColumns;

/**
 * One encoded row: its RowBinary bytes (valid until the encoder's next call) and the columns they are encoded for.
 * Immutable itself; the bytes are the encoder's scratch buffer.
 */
public record EncodedRow(RowBinaryWriter bytes, InsertColumns columns) {}
