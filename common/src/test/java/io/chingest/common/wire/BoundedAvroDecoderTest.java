package io.chingest.common.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class BoundedAvroDecoderTest {

    /** Bytes written by Avro's own encoder. */
    private interface Writes {
        void to(BinaryEncoder encoder) throws IOException;
    }

    private static BoundedAvroDecoder decoderOver(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {9, 9, 9});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writes.to(encoder);
        encoder.flush();
        out.write(new byte[] {7, 7});
        byte[] bytes = out.toByteArray();
        BoundedAvroDecoder decoder = new BoundedAvroDecoder();
        decoder.reset(bytes, 3, bytes.length - 5);
        return decoder;
    }

    @Test
    void readsPrimitivesAsAvroWritesThem() throws IOException {
        BoundedAvroDecoder decoder = decoderOver(encoder -> {
            encoder.writeInt(Integer.MIN_VALUE);
            encoder.writeInt(Integer.MAX_VALUE);
            encoder.writeLong(Long.MIN_VALUE);
            encoder.writeLong(Long.MAX_VALUE);
            encoder.writeFloat(-3.25f);
            encoder.writeDouble(Math.PI);
            encoder.writeBoolean(true);
            encoder.writeBoolean(false);
            encoder.writeString("häßlich");
            encoder.writeString("plain");
            encoder.writeBytes(new byte[] {1, 2, 3});
            encoder.writeFixed(new byte[] {4, 5});
            encoder.writeEnum(3);
            encoder.writeIndex(1);
        });

        assertThat(decoder.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(decoder.readInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(decoder.readLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(decoder.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(decoder.readFloat()).isEqualTo(-3.25f);
        assertThat(decoder.readDouble()).isEqualTo(Math.PI);
        assertThat(decoder.readBoolean()).isTrue();
        assertThat(decoder.readBoolean()).isFalse();
        Object utf8 = decoder.readString(null);
        assertThat(utf8).isEqualTo(new Utf8("häßlich"));
        assertThat(decoder.readString()).isEqualTo("plain");
        ByteBuffer bytes = decoder.readBytes(null);
        assertThat(bytes.position()).isZero();
        assertThat(bytes.remaining()).isEqualTo(3);
        assertThat(bytes.array()).startsWith(1, 2, 3);
        byte[] fixed = new byte[2];
        decoder.readFixed(fixed, 0, 2);
        assertThat(fixed).containsExactly(4, 5);
        assertThat(decoder.readEnum()).isEqualTo(3);
        assertThat(decoder.readIndex()).isEqualTo(1);
        assertThat(decoder.remaining()).isZero();
        assertThatThrownBy(decoder::readInt)
                .isInstanceOf(EOFException.class)
                .hasMessage("a varint needs 1 byte at body offset 68, 0 left");
    }

    @Test
    void reusesAByteBufferThatIsLargeEnough() throws IOException {
        BoundedAvroDecoder decoder = decoderOver(encoder -> encoder.writeBytes(new byte[] {1, 2}));
        ByteBuffer old = ByteBuffer.allocate(8);

        ByteBuffer read = decoder.readBytes(old);

        assertThat(read).isSameAs(old);
        assertThat(read.remaining()).isEqualTo(2);
        assertThat(read.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void skipsStringsBytesFixedAndSizedBlocks() throws IOException {
        BoundedAvroDecoder decoder = decoderOver(encoder -> {
            encoder.writeString("skipped");
            encoder.writeBytes(new byte[] {1, 2, 3});
            encoder.writeFixed(new byte[] {4, 5, 6});
            encoder.writeLong(-2); // array block of 2 items with its size in bytes
            encoder.writeLong(2);
            encoder.writeLong(1);
            encoder.writeLong(1);
            encoder.writeLong(0); // end of array
            encoder.writeLong(1); // map block of 1 item without a size: left to the caller
            encoder.writeInt(42);
        });

        decoder.skipString();
        decoder.skipBytes();
        decoder.skipFixed(3);
        assertThat(decoder.skipArray()).isZero();
        assertThat(decoder.skipMap()).isEqualTo(1);
        assertThat(decoder.readInt()).isEqualTo(42);
    }

    @Test
    void refusesLengthsAndCountsBeyondTheBytesLeft() throws IOException {
        assertThatThrownBy(() -> decoderOver(encoder -> encoder.writeLong(5)).readString(null))
                .isInstanceOf(EOFException.class)
                .hasMessage("a string needs 5 bytes at body offset 1, 0 left");
        assertThatThrownBy(() -> decoderOver(encoder -> encoder.writeLong(5)).skipBytes())
                .isInstanceOf(EOFException.class)
                .hasMessage("bytes needs 5 bytes at body offset 1, 0 left");
        assertThatThrownBy(() -> decoderOver(encoder -> encoder.writeLong(-1)).readBytes(null))
                .isInstanceOf(IOException.class)
                .hasMessage("negative length -1 of bytes at body offset 1");
        assertThatThrownBy(() -> decoderOver(encoder -> encoder.writeLong(3)).readMapStart())
                .isInstanceOf(EOFException.class)
                .hasMessage("a map block claims 3 items at body offset 1, 0 bytes left");
        assertThatThrownBy(() -> decoderOver(encoder -> {
                            encoder.writeLong(-1);
                            encoder.writeLong(100);
                        })
                        .skipArray())
                .isInstanceOf(EOFException.class)
                .hasMessage("an array block claims 100 bytes at body offset 3, 0 left");
        assertThatThrownBy(() -> decoderOver(encoder -> encoder.writeFixed(new byte[] {1}))
                        .skipFixed(2))
                .isInstanceOf(EOFException.class)
                .hasMessage("a fixed needs 2 bytes at body offset 0, 1 left");
    }

    @Test
    void refusesIntsOutOfRangeAndOverlongVarints() throws IOException {
        assertThatThrownBy(() ->
                        decoderOver(encoder -> encoder.writeLong(1L << 40)).readInt())
                .isInstanceOf(IOException.class)
                .hasMessage("int out of range: 1099511627776");
        BoundedAvroDecoder overlong = new BoundedAvroDecoder();
        byte[] bytes = new byte[11];
        java.util.Arrays.fill(bytes, (byte) 0x80);
        overlong.reset(bytes, 0, 11);
        assertThatThrownBy(overlong::readLong)
                .isInstanceOf(IOException.class)
                .hasMessage("varint longer than 10 bytes ending at body offset 10");
    }
}
