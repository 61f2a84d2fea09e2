package io.chingest.producer.progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's identity: the SHA-256 of its bytes as stored (compressed files by their compressed bytes), in lower-case
 * hex. The same bytes are the same file wherever they lie and whatever their name; a file changed in place is a new
 * file. Immutable.
 */
public record FileIdentity(String sha256) {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Reads the whole file once, with one fixed buffer. */
    public static FileIdentity of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return new FileIdentity(HexFormat.of().formatHex(digest.digest()));
    }

    /** The first 16 hex digits, enough to tell files apart in names and logs. */
    public String shortForm() {
        return sha256.substring(0, 16);
    }
}
