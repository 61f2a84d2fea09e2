package io.chingest.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Answers --version with the version Maven wrote into the jar's resources. Stateless. */
public final class ChConsumerVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ChConsumerVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"ch-consumer " + properties.getProperty("version", "unknown")};
    }
}
