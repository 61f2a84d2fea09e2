package io.chingest.testing;

/**
 * Kafka, the schema registry and ClickHouse run somewhere else than this machine's processes, for the integration
 * tests to use instead of the local services: when the system property {@value #PROPERTY} is {@value #CONTAINERS}
 * (the build's {@code -Ptestcontainers} profile), {@link TestServices} loads the implementation named by
 * {@value #IMPLEMENTATION} and the extensions hand out its addresses. Implementations start what they serve on first
 * use, once per JVM, and are thread-safe.
 */
public interface ExternalServices {
    String PROPERTY = "chingest.test.services";
    String CONTAINERS = "containers";
    /** Compiled only by the testcontainers profile, which also brings Testcontainers onto the class path. */
    String IMPLEMENTATION = "io.chingest.testing.containers.ContainerServices";

    /** {@code host:port} for {@code bootstrap.servers}. */
    String kafkaBootstrapServers();

    /** The Confluent-compatible API's base URL, compatibility BACKWARD. */
    String schemaRegistryUrl();

    /** {@code http://host:port} of ClickHouse's HTTP interface; user {@code default}, no password. */
    String clickHouseHttpUrl();
}
