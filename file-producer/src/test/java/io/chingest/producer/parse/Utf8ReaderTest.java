package io.chingest.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    @Test
    void decodesWellFormedTextAsTheJdksDecoderDoesWhateverTheReadAndBufferSizes() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] text = wellFormed(random);
            String expected = jdk(text);
            int bufferBytes = 4 + random.nextInt(40);
            int readChars = 1 + random.nextInt(20);
            int trickle = 1 + random.nextInt(5);

            assertThat(utf8Reader(text, bufferBytes, readChars, trickle))
                    .as(
                            "%s, buffer %d, reads of %d chars, %d bytes at a time",
                            hex(text), bufferBytes, readChars, trickle)
                    .isEqualTo(expected);
        }
    }

    @Test
    void refusesEveryMalformedInputTheJdksDecoderRefuses() {
        Random random = new Random(11);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] text = withOneFault(random);
            boolean jdkRefuses;
            try {
                jdk(text);
                jdkRefuses = false;
            } catch (CharacterCodingException e) {
                jdkRefuses = true;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            int bufferBytes = 4 + random.nextInt(40);
            int readChars = 1 + random.nextInt(20);
            int trickle = 1 + random.nextInt(5);
            if (jdkRefuses) {
                refused++;
                assertThatThrownBy(() -> utf8Reader(text, bufferBytes, readChars, trickle))
                        .as("%s, buffer %d, reads of %d chars", hex(text), bufferBytes, readChars)
                        .isInstanceOf(MalformedInputException.class);
            } else {
                try {
                    assertThat(utf8Reader(text, bufferBytes, readChars, trickle))
                            .isEqualTo(jdk(text));
                } catch (IOException e) {
                    throw new AssertionError(hex(text) + " is decoded by the JDK but refused here", e);
                }
            }
        }
        assertThat(refused).as("inputs the JDK refused").isGreaterThan(2000);
    }

    @Test
    void refusesTheFormsUnicodeRulesOut() {
        for (String bad : new String[] {
            "80",
            "bf",
            "c0 80",
            "c1 bf",
            "e0 80 80",
            "e0 9f bf",
            "ed a0 80",
            "ed bf bf",
            "f0 80 80 80",
            "f0 8f bf bf",
            "f4 90 80 80",
            "f5 80 80 80",
            "ff",
            "c3",
            "e2 82",
            "f0 9f 98",
            "c3 41",
            "e2 41 82"
        }) {
            byte[] text = HexFormat.ofDelimiter(" ").parseHex(bad);
            assertThatThrownBy(() -> utf8Reader(text, 64, 64, 64)).as(bad).isInstanceOf(MalformedInputException.class);
        }
    }

    @Test
    void aByteOrderMarkAndTheEdgesOfEachLengthAreCharacters() throws IOException {
        String text = "\uFEFF\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\uD800\uDC00\uDBFF\uDFFF";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(utf8Reader(bytes, 4, 1, 1)).isEqualTo(text);
        assertThat(new Utf8Reader(new ByteArrayInputStream(new byte[0])).read(new char[4], 0, 4))
                .isEqualTo(-1);
    }

    private static byte[] wellFormed(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoint(random));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Well-formed text with one fault: a stray byte, a cut sequence, an overlong or surrogate form. */
    private static byte[] withOneFault(Random random) {
        byte[] good = wellFormed(random);
        int at = good.length == 0 ? 0 : random.nextInt(good.length + 1);
        byte[] fault = switch (random.nextInt(5)) {
            case 0 -> new byte[] {(byte) (0x80 + random.nextInt(128))};
            case 1 -> {
                byte[] whole = new String(Character.toChars(0x800 + random.nextInt(0x10000 - 0x800)))
                        .getBytes(StandardCharsets.UTF_8);
                yield java.util.Arrays.copyOf(whole, 1 + random.nextInt(Math.max(1, whole.length - 1)));
            }
            case 2 -> new byte[] {(byte) 0xC0, (byte) (0x80 + random.nextInt(64))};
            case 3 -> new byte[] {(byte) 0xED, (byte) (0xA0 + random.nextInt(32)), (byte) 0x80};
            default -> new byte[] {(byte) 0xF4, (byte) (0x90 + random.nextInt(48)), (byte) 0x80, (byte) 0x80};
        };
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.write(good, 0, at);
        text.writeBytes(fault);
        text.write(good, at, good.length - at);
        return text.toByteArray();
    }

    private static int codePoint(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> random.nextInt(0x80);
            case 3 -> 0x80 + random.nextInt(0x800 - 0x80);
            case 4 -> {
                int c = 0x800 + random.nextInt(0x10000 - 0x800);
                yield Character.isSurrogate((char) c) ? 'x' : c;
            }
            default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
        };
    }

    private static String jdk(byte[] text) throws IOException {
        return readAll(
                new InputStreamReader(
                        new ByteArrayInputStream(text),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                64);
    }

    private static String utf8Reader(byte[] text, int bufferBytes, int readChars, int trickle) throws IOException {
        return readAll(new Utf8Reader(new Trickle(text, trickle), bufferBytes), readChars);
    }

    private static String readAll(Reader reader, int readChars) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chars = new char[readChars + 2];
        try (reader) {
            for (int read = reader.read(chars, 1, readChars); read >= 0; read = reader.read(chars, 1, readChars)) {
                assertThat(read)
                        .as("a read that is not at the end returns characters")
                        .isPositive();
                text.append(chars, 1, read);
            }
        }
        return text.toString();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Hands out at most {@code step} bytes per read, so that sequences are cut across reads. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int position;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, step), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, count);
            position += count;
            return count;
        }
    }
}
