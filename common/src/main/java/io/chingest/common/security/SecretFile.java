package io.chingest.common.security;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a credential from a file (a mounted Kubernetes or Docker secret, a file only the service user can read), so it
 * never appears on a command line. The file holds the value alone; trailing line breaks are dropped. Errors name the
 * file, never the content. Stateless.
 */
public final class SecretFile {
    /** Passwords and tokens are short; a bigger file is a wrong path. */
    static final int MAX_BYTES = 64 * 1024;

    private SecretFile() {}

    /**
     * @throws IllegalArgumentException when the file is missing, unreadable, too big, not UTF-8 or empty
     */
    public static Secret read(Path file) {
        byte[] content;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a directory, not a file holding the secret");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(
                        file + " has " + size + " bytes, more than the " + MAX_BYTES + " a secret file may have");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + " cannot be read: " + e.getClass().getSimpleName());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        }
        String value = text.replaceFirst("[\\r\\n]+\\z", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return Secret.of(value);
    }
}
