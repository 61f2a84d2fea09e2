package io.chingest.producer.progress;

import io.chingest.producer.parse.CompressedInput;
import io.chingest.producer.parse.RowPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tells whether a file begins with a {@link RowPrefix}: hashes its first {@code prefix.bytes()} uncompressed bytes (and
 * those of the prefix's open last row, and one byte after it) and reads no further, so the cost is that of the prefix,
 * not of the file. Stateless.
 */
public final class FileBeginning {

    private static final int BUFFER_BYTES = 64 * 1024;

    private FileBeginning() {}

    /** Whether the file's first uncompressed bytes are those of the prefix; false when it is shorter. */
    public static boolean beginsWith(Path file, RowPrefix prefix) throws IOException {
        return commonPrefix(file, prefix) != null;
    }

    /**
     * The rows the file has in common with the prefix: null when its first bytes differ; the prefix itself; or, when the
     * prefix's open last row follows in the file too and a line break or the file's end comes after it, the prefix
     * through that row.
     *
     * @throws IOException when the file cannot be read (or uncompressed) as far as the prefix
     */
    public static RowPrefix commonPrefix(Path file, RowPrefix prefix) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = CompressedInput.open(file)) {
            if (!readInto(in, prefix.bytes(), buffer, digest)) {
                return null;
            }
            MessageDigest through = clone(digest);
            if (!HexFormat.of().formatHex(digest.digest()).equals(prefix.sha256())) {
                return null;
            }
            RowPrefix.OpenRow open = prefix.lastRow();
            if (open == null) {
                return prefix;
            }
            MessageDigest row = newSha256();
            if (!readInto(in, open.bytes(), buffer, row, through)
                    || !HexFormat.of().formatHex(row.digest()).equals(open.sha256())) {
                return new RowPrefix(prefix.rows(), prefix.bytes(), prefix.sha256());
            }
            int next = in.read();
            if (next != -1 && next != '\n' && next != '\r') {
                // the row goes on in this file: the one sent was cut, and this file's is sent
                return new RowPrefix(prefix.rows(), prefix.bytes(), prefix.sha256());
            }
            return new RowPrefix(
                    prefix.rows() + 1,
                    prefix.bytes() + open.bytes(),
                    HexFormat.of().formatHex(through.digest()));
        }
    }

    /** Reads exactly {@code count} bytes into every digest; false when the input ends first. */
    private static boolean readInto(InputStream in, long count, byte[] buffer, MessageDigest... digests)
            throws IOException {
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return false;
            }
            for (MessageDigest digest : digests) {
                digest.update(buffer, 0, read);
            }
            left -= read;
        }
        return true;
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
