package io.chingest.producer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the first bytes of a file that are not valid text in its encoding, with their byte offset and line. The
 * parser learns of a decoding error when it fills its buffer, which can be thousands of lines before the bad byte, so
 * the file is decoded again from its start, counting bytes and line breaks: only after an error, never on the way of
 * a file that decodes. Stateless.
 */
final class InvalidTextLocator {

    private static final int BUFFER = 64 * 1024;

    /**
     * Where the first invalid bytes are.
     *
     * @param byteOffset the offset of the first invalid byte in the (uncompressed) file, from 0
     * @param line       the 1-based line it is on, line breaks counted as {@link DelimitedRowReader} counts them
     * @param bytes      the invalid bytes, as hexadecimal ("0xF6", "0xE2 0x28")
     */
    record InvalidText(long byteOffset, long line, String bytes) {}

    private InvalidTextLocator() {}

    /** The first invalid bytes of {@code file} in {@code encoding}; empty when it decodes or cannot be read again. */
    static Optional<InvalidText> locate(Path file, Charset encoding) {
        try (InputStream in = CompressedInput.open(file)) {
            return locate(in, encoding);
        } catch (IOException e) {
            return Optional.empty(); // the caller reports the decoding error without its place
        }
    }

    /** The first invalid bytes of {@code in}; empty when all of it decodes. */
    static Optional<InvalidText> locate(InputStream in, Charset encoding) throws IOException {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        LineCount lines = new LineCount();
        long consumed = 0; // bytes before the start of the buffer
        boolean end = false;
        while (true) {
            if (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                bytes.position(bytes.position() + Math.max(read, 0));
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isUnderflow() && end) {
                result = decoder.flush(chars);
            }
            lines.add(chars.flip());
            chars.clear();
            if (result.isError()) {
                return Optional.of(
                        new InvalidText(consumed + bytes.position(), lines.line(), hex(bytes, result.length())));
            }
            if (end && result.isUnderflow()) {
                return Optional.empty();
            }
            consumed += bytes.position();
            bytes.compact();
        }
    }

    private static String hex(ByteBuffer bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++) {
            text.append(i == 0 ? "" : " ")
                    .append("0x")
                    .append(HexFormat.of().withUpperCase().toHexDigits(bytes.get(bytes.position() + i)));
        }
        return text.toString();
    }

    /** Counts CRLF, LF and a lone CR each as one line break, across buffer boundaries. */
    private static final class LineCount {
        private long breaks;
        private boolean afterCr;

        void add(CharBuffer chars) {
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (c == '\r') {
                    breaks++;
                } else if (c == '\n' && !afterCr) {
                    breaks++;
                }
                afterCr = c == '\r';
            }
        }

        long line() {
            return breaks + 1;
        }
    }
}
