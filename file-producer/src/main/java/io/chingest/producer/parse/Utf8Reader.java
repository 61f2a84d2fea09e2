package io.chingest.producer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.MalformedInputException;
import java.util.Objects;

/**
 * Decodes UTF-8 strictly, as {@code InputStreamReader} with a UTF-8 decoder that reports malformed input does, and
 * four to five times faster on text that mixes ASCII with other characters: JDK 17's decoder takes its quick path only
 * until the first non-ASCII byte of each buffer and goes byte by byte from there, which made decoding half of the
 * parse time of a file with a name in another script on most lines. Here every ASCII byte takes the quick path.
 *
 * <p>Well-formed means Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, no stray or
 * missing continuation bytes; anything else fails the read with a {@link MalformedInputException}. A byte order mark
 * is a character (U+FEFF) like any other. Memory: one buffer of {@value #BUFFER_BYTES} bytes. Not thread-safe.
 */
final class Utf8Reader extends Reader {

    static final int BUFFER_BYTES = 64 * 1024;

    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The top bit of each of eight bytes: none set means eight ASCII characters. */
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final byte[] bytes;
    /** The next byte to decode, and the end of the bytes read so far. */
    private int position;

    private int limit;
    private boolean endOfInput;
    /** The second half of a surrogate pair that did not fit into the caller's array. */
    private char pendingLowSurrogate;

    private boolean hasPending;
    /** Whether the buffer ends in the first bytes of a sequence, so decoding waits for the rest. */
    private boolean cutSequence;

    Utf8Reader(InputStream in) {
        this(in, BUFFER_BYTES);
    }

    /** @param bufferBytes at least 4, so that a whole sequence always fits */
    Utf8Reader(InputStream in, int bufferBytes) {
        if (bufferBytes < 4) {
            throw new IllegalArgumentException("the buffer must hold a 4-byte sequence, not " + bufferBytes + " bytes");
        }
        this.in = Objects.requireNonNull(in, "in");
        this.bytes = new byte[bufferBytes];
    }

    @Override
    public int read(char[] chars, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, chars.length);
        if (length == 0) {
            return 0;
        }
        int out = offset;
        int end = offset + length;
        if (hasPending) {
            chars[out++] = pendingLowSurrogate;
            hasPending = false;
        }
        while (out < end) {
            if (position == limit || cutSequence) {
                if (out > offset || !fill()) {
                    break; // what was decoded goes now; the next call waits for more input
                }
            }
            out = decode(chars, out, end);
            if (hasPending) {
                break;
            }
        }
        return out == offset ? -1 : out - offset;
    }

    /** Decodes from the buffer into {@code chars[out, end)} until either runs out; returns the new {@code out}. */
    private int decode(char[] chars, int out, int end) throws MalformedInputException {
        byte[] in = bytes;
        int p = position;
        int lim = limit;
        cutSequence = false;
        while (out < end && p < lim) {
            // Eight ASCII bytes at a time while there are eight to take and room for them.
            int stop = p + Math.min(end - out, lim - p) - Long.BYTES;
            while (p <= stop && ((long) EIGHT_BYTES.get(in, p) & HIGH_BITS) == 0) {
                for (int k = 0; k < Long.BYTES; k++) {
                    chars[out + k] = (char) in[p + k];
                }
                p += Long.BYTES;
                out += Long.BYTES;
            }
            if (out == end || p == lim) {
                break;
            }
            int b = in[p];
            if (b >= 0) {
                chars[out++] = (char) b;
                p++;
                continue;
            }
            int length = sequenceLength(b);
            if (p + length > lim) {
                if (endOfInput) {
                    throw new MalformedInputException(lim - p);
                }
                cutSequence = true; // the rest of the sequence is still to be read
                break;
            }
            int codePoint = codePoint(in, p, length);
            p += length;
            if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                chars[out++] = (char) codePoint;
            } else {
                chars[out++] = Character.highSurrogate(codePoint);
                if (out < end) {
                    chars[out++] = Character.lowSurrogate(codePoint);
                } else {
                    pendingLowSurrogate = Character.lowSurrogate(codePoint);
                    hasPending = true;
                }
            }
        }
        position = p;
        return out;
    }

    /** The length of the sequence a lead byte starts (its first byte negative), or a failure for any other byte. */
    private static int sequenceLength(int lead) throws MalformedInputException {
        int unsigned = lead & 0xFF;
        if (unsigned >= 0xC2 && unsigned <= 0xDF) {
            return 2;
        }
        if (unsigned >= 0xE0 && unsigned <= 0xEF) {
            return 3;
        }
        if (unsigned >= 0xF0 && unsigned <= 0xF4) {
            return 4;
        }
        throw new MalformedInputException(1); // a continuation byte, C0, C1 or F5 to FF
    }

    /** The code point of the well-formed sequence of {@code length} bytes at {@code p}, or a failure. */
    private static int codePoint(byte[] in, int p, int length) throws MalformedInputException {
        int lead = in[p] & 0xFF;
        int second = in[p + 1] & 0xFF;
        // The second byte's range depends on the lead: it excludes overlong forms, surrogates and beyond U+10FFFF.
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            throw new MalformedInputException(1);
        }
        if (length == 2) {
            return ((lead & 0x1F) << 6) | (second & 0x3F);
        }
        int third = continuation(in[p + 2]);
        if (length == 3) {
            return ((lead & 0x0F) << 12) | ((second & 0x3F) << 6) | third;
        }
        int fourth = continuation(in[p + 3]);
        return ((lead & 0x07) << 18) | ((second & 0x3F) << 12) | (third << 6) | fourth;
    }

    /** The six bits of a continuation byte (10xxxxxx), or a failure. */
    private static int continuation(byte b) throws MalformedInputException {
        if ((b & 0xC0) != 0x80) {
            throw new MalformedInputException(1);
        }
        return b & 0x3F;
    }

    /**
     * Moves the bytes not decoded yet to the front and reads more after them, waiting for at least one byte.
     *
     * @return false at the end of the input
     */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int left = limit - position;
        System.arraycopy(bytes, position, bytes, 0, left);
        position = 0;
        limit = left;
        int read = in.read(bytes, limit, bytes.length - limit);
        while (read == 0) {
            read = in.read(bytes, limit, bytes.length - limit);
        }
        if (read < 0) {
            endOfInput = true;
            if (left > 0) {
                throw new MalformedInputException(left); // a sequence cut off by the end of the input
            }
            return false;
        }
        limit += read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
