package io.chingest.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the program version the build wrote into the jar, for --version. Stateless. */
public final class ProducerVersion implements IVersionProvider {

    static final String RESOURCE = "/io/chingest/producer/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"file-producer " + version()};
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = ProducerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties.getProperty("version", "unknown");
    }
}
