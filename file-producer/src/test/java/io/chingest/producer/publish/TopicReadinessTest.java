package io.chingest.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.availability.ServiceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

class TopicReadinessTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> probes = new ArrayList<>();

    @Test
    void returnsAtOnceWhenEveryLeaderAnswers() throws Exception {
        readiness(timeout -> probes.add(timeout)).await(Duration.ofSeconds(5));

        assertThat(probes).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retriesWhileALeaderIsNotServingYet() throws Exception {
        readiness(timeout -> {
                    probes.add(timeout);
                    nanos.addAndGet(Duration.ofMillis(300).toNanos());
                    if (probes.size() < 3) {
                        throw new ExecutionException(new NotLeaderOrFollowerException("not yet"));
                    }
                })
                .await(Duration.ofSeconds(5));

        assertThat(probes).hasSize(3);
    }

    @Test
    void failsNamingTopicBrokersAndTheLastReasonAfterTheTimeout() {
        TopicReadiness readiness = readiness(timeout -> {
            probes.add(timeout);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            throw new ExecutionException(new NotLeaderOrFollowerException("partition orders-2 has no leader here"));
        });

        assertThatThrownBy(() -> readiness.await(Duration.ofSeconds(3)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("Kafka at broker-1:9092: topic 'orders' is not served within 3000 ms:"
                        + " partition orders-2 has no leader here")
                .hasCauseInstanceOf(NotLeaderOrFollowerException.class);
        assertThat(probes).hasSize(3);
    }

    @Test
    void theAdminClientGetsOnlyTheConnectionSettingsOfTheProducer() {
        Map<String, Object> producer = Map.of(
                "bootstrap.servers",
                "broker-1:9092",
                "security.protocol",
                "SSL",
                "acks",
                "all",
                "buffer.memory",
                1024L,
                "client.id",
                "file-producer");

        assertThat(TopicReadiness.adminProperties(producer))
                .containsOnly(
                        Map.entry("bootstrap.servers", "broker-1:9092"),
                        Map.entry("security.protocol", "SSL"),
                        Map.entry("client.id", "file-producer-readiness"));
    }

    private TopicReadiness readiness(TopicReadiness.LeaderProbe probe) {
        return new TopicReadiness("orders", "broker-1:9092", probe, nanos::get);
    }
}
