package io.chingest.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its deployment files are: the build passes the repository's root as a system property. Stateless. */
final class DeploymentFiles {
    private DeploymentFiles() {}

    static Path repository() {
        String root = System.getProperty("chingest.repository.dir");
        Path path = root != null ? Path.of(root) : Path.of("..");
        Path normalized = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(normalized.resolve("pom.xml")) || !Files.isDirectory(normalized.resolve("docker"))) {
            throw new IllegalStateException(
                    normalized + " is not the repository's root (no pom.xml and docker/ there)");
        }
        return normalized;
    }

    static Path docker() {
        return repository().resolve("docker");
    }

    static Path compose() {
        return docker().resolve("compose.yaml");
    }

    static Path dockerfile() {
        return docker().resolve("Dockerfile");
    }

    static Path prometheusConfig() {
        return docker().resolve("prometheus/prometheus.yml");
    }

    static Path grafanaDashboards() {
        return docker().resolve("grafana/dashboards");
    }

    static String projectVersion() {
        String version = System.getProperty("chingest.project.version");
        if (version == null) {
            throw new IllegalStateException("system property chingest.project.version is not set (the build sets it)");
        }
        return version;
    }
}
