package io.chingest.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    @Test
    void servesTheRegistryInThePrometheusTextFormatAtMetricsOnly() throws Exception {
        PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
        AtomicLong rows = new AtomicLong(41);
        io.micrometer.core.instrument.FunctionCounter.builder("chingest.rows.published", rows, AtomicLong::get)
                .register(registry);
        rows.incrementAndGet();
        HttpClient http = HttpClient.newHttpClient();

        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0, registry)) {
            String base = "http://127.0.0.1:" + endpoint.port();
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> other = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/other")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4;" + " charset=utf-8");
            assertThat(metrics.body())
                    .contains("# TYPE chingest_rows_published_total counter\n")
                    .contains("chingest_rows_published_total 42.0\n");
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }
}
