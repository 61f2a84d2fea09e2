package io.chingest.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus configuration file: its scrape jobs and their static targets ("host:port"). Immutable once read. */
final class PrometheusConfig {
    private final Map<String, List<String>> targetsByJob = new LinkedHashMap<>();
    private final Map<String, String> metricsPathByJob = new LinkedHashMap<>();
    private final List<String> ruleFiles = new ArrayList<>();

    private PrometheusConfig(Map<String, Object> document) {
        for (Object job : Yaml.list(document.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> settings = Yaml.map(job, "scrape_configs[]");
            String name = String.valueOf(settings.get("job_name"));
            List<String> targets = new ArrayList<>();
            for (Object config : Yaml.list(settings.get("static_configs"), name + ".static_configs")) {
                Yaml.list(Yaml.map(config, name + ".static_configs[]").get("targets"), name + ".targets")
                        .forEach(target -> targets.add(String.valueOf(target)));
            }
            if (targetsByJob.put(name, targets) != null) {
                throw new IllegalArgumentException("job " + name + " is defined twice");
            }
            metricsPathByJob.put(name, String.valueOf(settings.getOrDefault("metrics_path", "/metrics")));
        }
        Yaml.list(document.get("rule_files"), "rule_files").forEach(file -> ruleFiles.add(String.valueOf(file)));
    }

    static PrometheusConfig read(Path file) throws IOException {
        return new PrometheusConfig(Yaml.read(file));
    }

    Map<String, List<String>> targetsByJob() {
        return targetsByJob;
    }

    String metricsPath(String job) {
        return metricsPathByJob.get(job);
    }

    List<String> ruleFiles() {
        return ruleFiles;
    }

    /** Every target of every job. */
    List<String> targets() {
        return targetsByJob.values().stream().flatMap(List::stream).toList();
    }
}
