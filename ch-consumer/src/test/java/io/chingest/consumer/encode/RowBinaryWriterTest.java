package io.chingest.consumer.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RowBinary primitives byte for byte, and the scratch buffer's hard limit. */
class RowBinaryWriterTest {

    private static String written(RowBinaryWriter writer) {
        return HexBytes.of(writer.toByteArray());
    }

    @Test
    void writesLeb128Lengths() {
        RowBinaryWriter writer = new RowBinaryWriter(64);
        writer.writeVarUInt(0);
        writer.writeVarUInt(127);
        writer.writeVarUInt(128);
        writer.writeVarUInt(300);
        writer.writeVarUInt(16384);
        assertThat(written(writer)).isEqualTo("00 7F 80 01 AC 02 80 80 01");
    }

    @Test
    void writesNumbersLittleEndian() {
        RowBinaryWriter writer = new RowBinaryWriter(64);
        writer.writeInt32(-2);
        writer.writeInt64(1);
        writer.writeUInt16(0x4A38);
        writer.writeUInt32(0xFFFF_FFFFL);
        assertThat(written(writer)).isEqualTo("FE FF FF FF 01 00 00 00 00 00 00 00 38 4A FF FF FF FF");
    }

    @Test
    void writesFloatsAsIeeeBitsLittleEndian() {
        RowBinaryWriter writer = new RowBinaryWriter(64);
        writer.writeFloat32(1.5f);
        writer.writeFloat64(-2.0);
        assertThat(written(writer)).isEqualTo("00 00 C0 3F 00 00 00 00 00 00 00 C0");
    }

    @Test
    void writesStringsAsUtf8WithLengthPrefix() {
        RowBinaryWriter writer = new RowBinaryWriter(64);
        writer.writeString("héllo ✓");
        assertThat(written(writer)).isEqualTo("0A 68 C3 A9 6C 6C 6F 20 E2 9C 93");
    }

    @Test
    void writesLongStringsWithTwoByteLengthPrefix() {
        RowBinaryWriter writer = new RowBinaryWriter(1024);
        writer.writeString("x".repeat(200));
        byte[] bytes = writer.toByteArray();
        assertThat(bytes).hasSize(202);
        assertThat(HexBytes.of(new byte[] {bytes[0], bytes[1], bytes[2]})).isEqualTo("C8 01 78");
    }

    @Test
    void growsButNeverPastItsLimit() {
        RowBinaryWriter writer = new RowBinaryWriter(3000);
        for (int i = 0; i < 750; i++) {
            writer.writeInt32(i);
        }
        assertThat(writer.size()).isEqualTo(3000);
        assertThat(writer.capacity()).isEqualTo(3000);
        assertThatThrownBy(() -> writer.writeUInt8(1))
                .isInstanceOf(RowTooLargeException.class)
                .hasMessageContaining("3000 bytes")
                .hasMessageContaining("--batch-max-bytes");
        assertThat(writer.capacity()).isEqualTo(3000);
    }

    @Test
    void refusesAStringThatWouldPassTheLimitWithoutGrowingForIt() {
        RowBinaryWriter writer = new RowBinaryWriter(100);
        assertThatThrownBy(() -> writer.writeString("y".repeat(100))).isInstanceOf(RowTooLargeException.class);
        assertThat(writer.capacity()).isLessThanOrEqualTo(100);
    }

    @Test
    void resetStartsTheNextRowAtTheBeginning() {
        RowBinaryWriter writer = new RowBinaryWriter(64);
        writer.writeInt32(7);
        writer.reset();
        writer.writeUInt8(9);
        assertThat(written(writer)).isEqualTo("09");
    }
}
