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
 * Tells whether a file begins with a {@link RowPrefix}: hashes its first {@code prefix.bytes()} uncompressed bytes and
 * reads no further, so the cost is that of the prefix, not of the file. Stateless.
 */
public final class FileBeginning {

    private static final int BUFFER_BYTES = 64 * 1024;

    private FileBeginning() {}

    /**
     * @return whether the file's first uncompressed bytes are those of the prefix; false when it is shorter
     * @throws IOException when the file cannot be read (or uncompressed) as far as the prefix
     */
    public static boolean beginsWith(Path file, RowPrefix prefix) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        long left = prefix.bytes();
        try (InputStream in = CompressedInput.open(file)) {
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return false;
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
        }
        return HexFormat.of().formatHex(digest.digest()).equals(prefix.sha256());
    }
}
