package io.chingest.common.wire;

/** Constants and header parsing of the Confluent wire format (0x00, 4-byte big-endian schema id, Avro body). Stateless. */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    public static int schemaIdOf(byte[] payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
