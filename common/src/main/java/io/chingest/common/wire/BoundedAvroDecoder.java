package io.chingest.common.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoder over a slice of one byte array that checks every length and item count against the bytes left
 * before allocating, so a corrupt length in a small payload cannot allocate more than the payload's size (Avro's own
 * BinaryDecoder allocates whatever length the data claims). Running out of bytes is an {@link EOFException}, other
 * malformed data an {@link IOException}. Not thread-safe; reused through {@link #reset}.
 *
 * <p>An array or map block claiming more items than bytes left is refused: items of every type take at least one byte,
 * except null and empty records, which no ClickHouse column maps.
 */
final class BoundedAvroDecoder extends Decoder {
    private byte[] bytes = new byte[0];
    private int start;
    private int position;
    private int limit;

    /** Reads {@code length} bytes of {@code bytes} from {@code offset} on. */
    void reset(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.start = offset;
        this.position = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - position;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "a boolean");
        int value = bytes[position++];
        if (value != 0 && value != 1) {
            throw new IOException(
                    "boolean byte " + value + " at body offset " + (position - 1 - start) + ", expected 0 or 1");
        }
        return value == 1;
    }

    @Override
    public int readInt() throws IOException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("int out of range: " + value);
        }
        return (int) value;
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1, "a varint");
            int next = bytes[position++] & 0xff;
            raw |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("varint longer than 10 bytes ending at body offset " + (position - start));
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "a float");
        int bits = (bytes[position] & 0xff)
                | (bytes[position + 1] & 0xff) << 8
                | (bytes[position + 2] & 0xff) << 16
                | (bytes[position + 3] & 0xff) << 24;
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "a double");
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (bytes[position + i] & 0xff);
        }
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength("a string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(bytes, position, result.getBytes(), 0, length);
        position += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = readLength("a string");
        String result = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        int length = readLength("a string");
        position += length;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        result.put(bytes, position, length).flip();
        position += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        int length = readLength("bytes");
        position += length;
    }

    @Override
    public void readFixed(byte[] target, int offset, int length) throws IOException {
        require(length, "a fixed");
        System.arraycopy(bytes, position, target, offset, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "a fixed");
        position += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readItemCount("an array");
    }

    @Override
    public long arrayNext() throws IOException {
        return readItemCount("an array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("an array");
    }

    @Override
    public long readMapStart() throws IOException {
        return readItemCount("a map");
    }

    @Override
    public long mapNext() throws IOException {
        return readItemCount("a map");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("a map");
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A block's item count; a negative count is followed by the block's size in bytes, which is not needed here. */
    private long readItemCount(String what) throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        if (count > remaining()) {
            throw new EOFException(what + " block claims " + count + " items at body offset " + (position - start)
                    + ", " + remaining() + " bytes left");
        }
        return count;
    }

    /** Skips blocks that state their size in bytes; returns the item count of the first block that does not. */
    private long skipBlocks(String what) throws IOException {
        long count = readLong();
        while (count < 0) {
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw new EOFException(what + " block claims " + size + " bytes at body offset " + (position - start)
                        + ", " + remaining() + " left");
            }
            position += (int) size;
            count = readLong();
        }
        return count;
    }

    private int readLength(String what) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new IOException(
                    "negative length " + length + " of " + what + " at body offset " + (position - start));
        }
        require(length, what);
        return (int) length;
    }

    private void require(long count, String what) throws EOFException {
        if (count > remaining()) {
            throw new EOFException(what + " needs " + count + (count == 1 ? " byte" : " bytes") + " at body offset "
                    + (position - start) + ", " + remaining() + " left");
        }
    }
}
