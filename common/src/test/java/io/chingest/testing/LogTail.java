package io.chingest.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the last lines of a log file for error messages, reading at most a fixed number of bytes from its end
 * so that a huge log never fills the heap. Stateless and thread-safe.
 */
public final class LogTail {
    /** Bytes read from the end of a log at most. */
    public static final int MAX_BYTES = 8 * 1024;

    private LogTail() {}

    /** The last {@code maxLines} lines of {@code log}, from at most {@link #MAX_BYTES} bytes; a note if the file is missing. */
    public static String lastLines(Path log, int maxLines) {
        if (!Files.isRegularFile(log)) {
            return "(no log file " + log + ")";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines = Arrays.asList(text.split("\r?\n", -1));
            if (size < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line is cut at the window's start
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = lines.subList(0, lines.size() - 1);
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return last.isEmpty() ? "(log file " + log + " is empty)" : String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read log file " + log + ": " + e.getMessage() + ")";
        }
    }
}
