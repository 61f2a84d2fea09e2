package io.chingest.common.config;

import picocli.CommandLine;

/** Parses sizes like "16MiB", "512KiB", "1GiB", "1000000" (bytes); "16MB" = 16*10^6. Stateless picocli converter. */
public final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
