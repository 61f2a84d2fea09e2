package io.chingest.producer.parse;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Hands characters to the parser and hashes (SHA-256) the file's text up to the end of the rows parsed, so the
 * position a run commits can be recognised in another file that begins with the same bytes ({@link RowPrefix}). The
 * text is hashed as it is encoded again in the file's encoding: the decoding is strict, so for UTF-8 and the single-byte
 * encodings those are the uncompressed bytes of the file as they are. Characters the parser has read ahead of the last
 * row's end are kept until that row ends, at most one row limit and one input buffer (the {@link RowLengthGuard} read
 * ahead). Not thread-safe: used by the one thread that drives its {@link DelimitedRowReader}.
 */
final class PrefixDigest extends Reader {

    private static final int ENCODE_BUFFER_BYTES = 16 * 1024;

    private final Reader in;
    private final CharsetEncoder encoder;
    private final MessageDigest digest;
    private final ByteBuffer encoded = ByteBuffer.allocate(ENCODE_BUFFER_BYTES);
    /** Characters handed to the parser but not hashed yet; the first is the character at {@link #hashedChars}. */
    private char[] pending = new char[ParseSettings.INPUT_BUFFER_CHARS];

    private int pendingLength;
    private long hashedChars;
    private long hashedBytes;
    /** Where the last row and the one before it end (character indexes), and the data rows up to each. */
    private long lastEnd;

    private long lastRows;
    private boolean lastTerminated = true;
    private long previousEnd;
    private long previousRows;

    PrefixDigest(Reader in, Charset encoding) {
        this.in = in;
        this.encoder = encoding.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.digest = newSha256();
    }

    /**
     * Marks the end of a row.
     *
     * @param charIndex the parser's character index after the row and its line break
     * @param dataRows  the data rows read up to this one, this one included (0 for the header)
     */
    void rowEndsAt(long charIndex, long dataRows) {
        previousEnd = lastEnd;
        previousRows = lastRows;
        lastEnd = charIndex;
        lastRows = dataRows;
        // a row not ended by a line break is the last of the file, and may be cut: it is not part of the prefix
        int last = (int) (charIndex - 1 - hashedChars);
        lastTerminated = last >= 0 && last < pendingLength && (pending[last] == '\n' || pending[last] == '\r');
    }

    /**
     * The file up to the end of the last row that ends with a line break, and the last data row read when it has none
     * after it (the end of the file): that row is recognised in another file only where a line break follows it there.
     */
    RowPrefix prefix() {
        hashThrough(lastTerminated ? lastEnd : previousEnd);
        MessageDigest copy;
        try {
            copy = (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
        RowPrefix.OpenRow open = !lastTerminated && lastRows > previousRows ? openRow() : null;
        return new RowPrefix(
                lastTerminated ? lastRows : previousRows,
                hashedBytes,
                HexFormat.of().formatHex(copy.digest()),
                open);
    }

    /** The bytes of the characters after the prefix through the last row's end, hashed apart; nothing is consumed. */
    private RowPrefix.OpenRow openRow() {
        int count = (int) (lastEnd - hashedChars);
        CharsetEncoder rowEncoder = encoder.charset()
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        MessageDigest rowDigest = newSha256();
        ByteBuffer bytes = ByteBuffer.allocate(ENCODE_BUFFER_BYTES);
        CharBuffer chars = CharBuffer.wrap(pending, 0, count);
        long length = 0;
        while (true) {
            CoderResult result = rowEncoder.encode(chars, bytes, true);
            bytes.flip();
            length += bytes.remaining();
            rowDigest.update(bytes);
            bytes.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        return length == 0 ? null : new RowPrefix.OpenRow(length, HexFormat.of().formatHex(rowDigest.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        hashThrough(lastTerminated ? lastEnd : previousEnd);
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            if (pendingLength + read > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + read));
            }
            System.arraycopy(buffer, offset, pending, pendingLength, read);
            pendingLength += read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void hashThrough(long charIndex) {
        int count = (int) (charIndex - hashedChars);
        if (count <= 0) {
            return;
        }
        CharBuffer chars = CharBuffer.wrap(pending, 0, count);
        while (true) {
            CoderResult result = encoder.encode(chars, encoded, false);
            drain();
            if (result.isUnderflow()) {
                break;
            }
        }
        // a row ends after a line break, never inside a surrogate pair: the encoder keeps nothing back
        System.arraycopy(pending, count, pending, 0, pendingLength - count);
        pendingLength -= count;
        hashedChars = charIndex;
    }

    private void drain() {
        encoded.flip();
        hashedBytes += encoded.remaining();
        digest.update(encoded);
        encoded.clear();
    }
}
