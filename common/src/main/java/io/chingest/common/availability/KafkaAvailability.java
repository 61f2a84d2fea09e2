package io.chingest.common.availability;

import io.chingest.common.security.KnownSecrets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The start-up check of Kafka: within one deadline, a broker at the bootstrap address answers (describeCluster) with
 * the client's credentials and, when asked, the topics exist (describeTopics). A failure becomes one
 * {@link ServiceUnavailableException} naming the address and the cause, instead of the client's endless reconnect
 * warnings. Immutable; each {@link #check} uses its own short-lived Admin client.
 */
public final class KafkaAvailability {
    private final String bootstrapServers;
    private final Map<String, ?> clientSettings;
    private final Duration timeout;

    /**
     * @param clientSettings connection and security settings (security.*, sasl.*, ssl.*); keys an Admin client does
     *                       not know are left out
     * @param timeout        how long the whole check may take ({@code --kafka-timeout})
     */
    public KafkaAvailability(String bootstrapServers, Map<String, ?> clientSettings, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientSettings = Map.copyOf(clientSettings);
        this.timeout = timeout;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns when a broker answers and every one of {@code topics} exists.
     *
     * @throws ServiceUnavailableException naming the bootstrap servers and the cause otherwise
     * @throws InterruptedException        when the calling thread is interrupted while waiting
     * @throws org.apache.kafka.common.KafkaException when the client refuses its settings (a truststore missing)
     */
    public void check(Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(adminProperties());
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            await(
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                            .nodes(),
                    deadline,
                    topics);
            if (!topics.isEmpty()) {
                await(
                        admin.describeTopics(List.copyOf(topics), new DescribeTopicsOptions().timeoutMs(millis))
                                .allTopicNames(),
                        deadline,
                        topics);
            }
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private void await(org.apache.kafka.common.KafkaFuture<?> answer, long deadline, Collection<String> topics)
            throws InterruptedException {
        long left = Math.max(1, deadline - System.nanoTime());
        try {
            answer.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw noAnswer(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw translate(cause, topics);
        }
    }

    private ServiceUnavailableException translate(Throwable cause, Collection<String> topics) {
        if (cause instanceof AuthenticationException) {
            return ServiceUnavailableException.refused(
                    "Kafka",
                    bootstrapServers,
                    "authentication failed (security.*, sasl.*, ssl.* settings): " + firstLine(cause),
                    cause);
        }
        if (cause instanceof AuthorizationException) {
            return ServiceUnavailableException.refused(
                    "Kafka", bootstrapServers, "access denied: " + firstLine(cause), cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return unavailable(
                    (topics.size() == 1
                                    ? "topic '" + topics.iterator().next() + "' does not exist"
                                    : "a topic of " + topics + " does not exist")
                            + " (" + firstLine(cause) + ")",
                    cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return noAnswer(cause);
        }
        return unavailable(firstLine(cause), cause);
    }

    private ServiceUnavailableException noAnswer(Throwable cause) {
        return unavailable("no broker answered within " + AvailabilityWait.readable(timeout), cause);
    }

    private ServiceUnavailableException unavailable(String why, Throwable cause) {
        return new ServiceUnavailableException("Kafka", bootstrapServers, why, cause);
    }

    private Properties adminProperties() {
        Properties admin = new Properties();
        clientSettings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "chingest-availability-check");
        // One answer is all the check needs; the deadline bounds the whole check.
        long millis = Math.max(1, timeout.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, millis));
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, millis));
        return admin;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        int newline = message.indexOf('\n');
        // a client's message may quote a setting it could not use, which can be a password
        return KnownSecrets.scrub(newline < 0 ? message : message.substring(0, newline));
    }
}
