package io.chingest.producer;

import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The arguments of a file-producer command that publishes to the test broker and registry. Stateless. */
final class TestServicesCommandLine {
    private TestServicesCommandLine() {}

    /**
     * {@code subcommand --topic TOPIC --schema SCHEMA --bootstrap-servers BROKER --schema-registry REGISTRY more...},
     * with the addresses of the test services.
     */
    static List<String> of(String subcommand, String topic, Path schema, String... more) {
        List<String> args = new ArrayList<>(List.of(
                subcommand,
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--schema-registry",
                SchemaRegistryExtension.url()));
        args.addAll(List.of(more));
        return args;
    }
}
