package io.chingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the broker's JVM: formats the KRaft storage on first start (single-node, standalone
 * controller quorum), then runs {@code kafka.Kafka} with the same properties file. Runs on the main thread.
 */
public final class KafkaNode {
    private KafkaNode() {}

    /** Arguments: the server.properties file and the cluster id to format a new log directory with. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KafkaNode <server.properties> <cluster-id>");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        }
        Path logDir = Path.of(properties.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // execute, not main: main would end this JVM before the broker runs
            int status = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", args[1], "-c", config.toString(), "--standalone"}, System.out);
            if (status != 0) {
                System.err.println("formatting " + logDir + " failed with status " + status);
                System.exit(status);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }
}
