package io.chingest.consumer.encode;

import java.util.HexFormat;

/** Test notation for byte arrays: "C0 BA 8A" means {0xC0, 0xBA, 0x8A}. Stateless. */
final class HexBytes {
    private HexBytes() {}

    static byte[] of(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
