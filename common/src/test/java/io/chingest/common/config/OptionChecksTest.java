package io.chingest.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionChecksTest {

    @Test
    void acceptsWhatEachKindOfValueAllows() {
        assertThat(OptionChecks.hostPortList("--b", "k1:9092, [::1]:9093")).isEqualTo("k1:9092, [::1]:9093");
        assertThat(OptionChecks.httpUrl("--u", " https://r.example:8081/api ")).isEqualTo("https://r.example:8081/api");
        assertThat(OptionChecks.topic("--t", "orders.v2_x-y")).isEqualTo("orders.v2_x-y");
        assertThat(OptionChecks.positive("--n", 1)).isEqualTo(1);
        assertThat(OptionChecks.positive("--d", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void refusalsNameTheOptionAndTheReason() {
        assertThatThrownBy(() -> OptionChecks.hostPortList("--bootstrap-servers", "k1:9092,kafka"))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("--bootstrap-servers");
                    assertThat(e.value()).isEqualTo("k1:9092,kafka");
                })
                .hasMessage("Invalid value for option '--bootstrap-servers': 'kafka' is not host:port (expected"
                        + " HOST:PORT[,HOST:PORT...])");
        assertThatThrownBy(() -> OptionChecks.hostPortList("--b", "k:0"))
                .hasMessageContaining("'k:0' is not host:port");
        assertThatThrownBy(() -> OptionChecks.httpUrl("--u", "ftp://x"))
                .hasMessage("Invalid value for option '--u':"
                        + " 'ftp://x' must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> OptionChecks.topic("--t", ".."))
                .hasMessage("Invalid value for option '--t': '..' is"
                        + " not a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-')");
        assertThatThrownBy(() -> OptionChecks.positive("--n", 0))
                .hasMessage("Invalid value for option '--n': must be" + " at least 1, was 0");
        assertThatThrownBy(() -> OptionChecks.positive("--d", Duration.ZERO))
                .hasMessage("Invalid value for option" + " '--d': must be a positive duration, was PT0S");
        assertThatThrownBy(() -> OptionChecks.required("--r", " "))
                .hasMessage("Invalid value for option '--r': must" + " not be empty");
    }
}
