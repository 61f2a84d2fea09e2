package io.chingest.common.wire;

/** Constants and header parsing of the Confluent wire format (0x00, 4-byte big-endian schema id, Avro body). Stateless. */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {}

    /** Returns the schema id of a wire-format payload, or throws {@link WireFormatException} saying what is wrong. */
    public static int schemaIdOf(byte[] payload) {
        if (payload == null) {
            throw new WireFormatException(
                    "payload is null (a tombstone?), expected a " + HEADER_LENGTH + "-byte header and an Avro body");
        }
        if (payload.length < HEADER_LENGTH) {
            throw new WireFormatException(
                    "payload of " + payload.length + " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new WireFormatException(
                    String.format("magic byte 0x%02x, expected 0x%02x", payload[0] & 0xff, MAGIC_BYTE));
        }
        return (payload[1] & 0xff) << 24 | (payload[2] & 0xff) << 16 | (payload[3] & 0xff) << 8 | (payload[4] & 0xff);
    }
}
