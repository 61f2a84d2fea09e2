package io.chingest.consumer.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ClickHouse RowBinary primitives (little-endian numbers, LEB128-prefixed strings) into one growable
 * scratch array that never grows past a fixed byte limit. Not thread-safe: one per encoding thread.
 */
public final class RowBinaryWriter {
    private static final int INITIAL_CAPACITY = 1024;

    private final int limit;
    private byte[] bytes;
    private int size;

    /** @param limit the largest number of bytes this writer may ever hold; writing more throws {@link RowTooLargeException} */
    public RowBinaryWriter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_CAPACITY, limit)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; bytes [0, size()) are the written row. */
    public byte[] array() {
        return bytes;
    }

    /** The allocated capacity, never above the limit. */
    public int capacity() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeUInt8(int value) {
        ensureRoom(1);
        bytes[size++] = (byte) value;
    }

    public void writeUInt16(int value) {
        ensureRoom(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
    }

    public void writeInt32(int value) {
        ensureRoom(4);
        for (int shift = 0; shift < 32; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    /** UInt32 from the low 32 bits of {@code value}. */
    public void writeUInt32(long value) {
        writeInt32((int) value);
    }

    public void writeInt64(long value) {
        ensureRoom(8);
        for (int shift = 0; shift < 64; shift += 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    public void writeFloat32(float value) {
        writeInt32(Float.floatToRawIntBits(value));
    }

    public void writeFloat64(double value) {
        writeInt64(Double.doubleToRawLongBits(value));
    }

    /** Unsigned LEB128, as RowBinary prefixes strings with their byte length. */
    public void writeVarUInt(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            writeUInt8((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        writeUInt8((int) rest);
    }

    /** A RowBinary String from bytes that are already UTF-8. */
    public void writeString(byte[] utf8, int offset, int length) {
        writeVarUInt(length);
        ensureRoom(length);
        System.arraycopy(utf8, offset, bytes, size, length);
        size += length;
    }

    public void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeString(utf8, 0, utf8.length);
    }

    /** Raw bytes with no prefix. */
    public void writeBytes(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensureRoom(int extra) {
        long needed = (long) size + extra;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > limit) {
            throw new RowTooLargeException(limit);
        }
        long grown = Math.max((long) bytes.length * 2, needed);
        bytes = Arrays.copyOf(bytes, (int) Math.min(grown, limit));
    }
}
