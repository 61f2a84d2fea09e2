package io.chingest.common.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void readsTheSchemaIdBigEndianAfterTheMagicByte() {
        assertThat(ConfluentWireFormat.schemaIdOf(new byte[] {0, 0x01, 0x02, 0x03, 0x04}))
                .isEqualTo(0x01020304);
        assertThat(ConfluentWireFormat.schemaIdOf(new byte[] {0, 0, 0, 0, 42, 7, 7}))
                .isEqualTo(42);
        assertThat(ConfluentWireFormat.schemaIdOf(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(ConfluentWireFormat.schemaIdOf(new byte[] {0, 0, 0, (byte) 0x80, (byte) 0x81}))
                .isEqualTo(0x8081);
    }

    @Test
    void headerIsOneMagicByteAndFourIdBytes() {
        assertThat(ConfluentWireFormat.MAGIC_BYTE).isEqualTo((byte) 0);
        assertThat(ConfluentWireFormat.HEADER_LENGTH).isEqualTo(5);
    }

    @Test
    void rejectsAWrongMagicByte() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(new byte[] {7, 0, 0, 0, 1, 2}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("magic byte 0x07, expected 0x00");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(new byte[] {(byte) 0xff, 0, 0, 0, 1}))
                .hasMessage("magic byte 0xff, expected 0x00");
    }

    @Test
    void rejectsPayloadsShorterThanTheHeader() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(new byte[] {0, 0, 0}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("payload of 3 bytes, shorter than the 5-byte header");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(new byte[0]))
                .hasMessage("payload of 0 bytes, shorter than the 5-byte header");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(new byte[] {0, 0, 0, 1}))
                .hasMessage("payload of 4 bytes, shorter than the 5-byte header");
    }

    @Test
    void rejectsANullPayload() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaIdOf(null))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("payload is null");
    }
}
