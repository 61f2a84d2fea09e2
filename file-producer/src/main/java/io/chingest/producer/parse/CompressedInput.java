package io.chingest.producer.parse;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a file as the stream of its uncompressed bytes, chosen by the name's extension: {@code .gz} (gzip, also
 * several concatenated members), {@code .zst} (Zstandard), anything else as it is. Memory is one fixed buffer per
 * stage plus the decompressor's window: 32 KiB for gzip; for zstd the frame's window, refused above 128 MiB
 * ({@code zstd} writes 8 MiB or less at its default levels). Stateless.
 */
public final class CompressedInput {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** 2^27 = 128 MiB, zstd's own default limit for decompression, stated so the bound is ours. */
    private static final int MAX_ZSTD_WINDOW_LOG = 27;

    private CompressedInput() {}

    public static InputStream open(Path file) throws IOException {
        return uncompressed(file, Files.newInputStream(file));
    }

    /** The uncompressed bytes of {@code raw}, the stored bytes of {@code file}; closes {@code raw} on failure. */
    static InputStream uncompressed(Path file, InputStream raw) throws IOException {
        try {
            return switch (compressionOf(file)) {
                case "gz" -> new GZIPInputStream(raw, BUFFER_BYTES);
                case "zst" ->
                    new BufferedInputStream(
                            new ZstdInputStream(new BufferedInputStream(raw, BUFFER_BYTES))
                                    .setLongMax(MAX_ZSTD_WINDOW_LOG),
                            BUFFER_BYTES);
                default -> raw;
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** "gz", "zst" or "" for a file read as it is. */
    static String compressionOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return "gz";
        }
        return name.endsWith(".zst") ? "zst" : "";
    }
}
