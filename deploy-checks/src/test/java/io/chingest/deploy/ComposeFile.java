package io.chingest.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Compose file as read by a YAML library: its services with what the checks ask of them. Immutable once read. */
final class ComposeFile {
    private final Path file;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Object> document;

    private ComposeFile(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
        Yaml.map(document.get("services"), file + ": services")
                .forEach((name, body) ->
                        services.put(name, new Service(name, Yaml.map(body, file + ": service " + name))));
    }

    static ComposeFile read(Path file) throws IOException {
        return new ComposeFile(file, Yaml.read(file));
    }

    /** The directory relative paths in the file start from. */
    Path directory() {
        return file.toAbsolutePath().getParent();
    }

    Map<String, Service> services() {
        return services;
    }

    Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException(file + " has no service " + name);
        }
        return service;
    }

    /** Top-level named volumes. */
    Map<String, Object> volumes() {
        return Yaml.map(document.get("volumes"), "volumes");
    }

    /** One service's definition. */
    record Service(String name, Map<String, Object> body) {

        Optional<String> image() {
            return Optional.ofNullable((String) body.get("image"));
        }

        Map<String, Object> build() {
            Object build = body.get("build");
            if (build instanceof String context) {
                return Map.of("context", context);
            }
            return Yaml.map(build, name + ".build");
        }

        Optional<String> buildTarget() {
            return Optional.ofNullable((String) build().get("target"));
        }

        /** environment: as a map, from either of Compose's two forms (a mapping, or a list of NAME=value). */
        Map<String, String> environment() {
            Object environment = body.get("environment");
            Map<String, String> variables = new LinkedHashMap<>();
            if (environment instanceof List<?> entries) {
                for (Object entry : entries) {
                    String text = String.valueOf(entry);
                    int equals = text.indexOf('=');
                    variables.put(
                            equals < 0 ? text : text.substring(0, equals),
                            equals < 0 ? null : text.substring(equals + 1));
                }
            } else {
                Yaml.map(environment, name + ".environment")
                        .forEach((key, value) -> variables.put(key, value == null ? null : String.valueOf(value)));
            }
            return variables;
        }

        List<String> command() {
            Object command = body.get("command");
            if (command instanceof String text) {
                return List.of(text.trim().split("\\s+"));
            }
            List<String> words = new ArrayList<>();
            Yaml.list(command, name + ".command").forEach(word -> words.add(String.valueOf(word)));
            return words;
        }

        /** The source of every volume entry: a host path (./x, ../x, /x) or a named volume. */
        List<String> volumeSources() {
            List<String> sources = new ArrayList<>();
            for (Object volume : Yaml.list(body.get("volumes"), name + ".volumes")) {
                if (volume instanceof String text) {
                    sources.add(text.split(":", 2)[0]);
                } else {
                    sources.add(
                            String.valueOf(Yaml.map(volume, name + ".volumes[]").get("source")));
                }
            }
            return sources;
        }

        /** The container side of the volume whose source is {@code source}. */
        Optional<String> volumeTarget(String source) {
            for (Object volume : Yaml.list(body.get("volumes"), name + ".volumes")) {
                if (volume instanceof String text) {
                    String[] parts = text.split(":");
                    if (parts[0].equals(source) && parts.length > 1) {
                        return Optional.of(parts[1]);
                    }
                }
            }
            return Optional.empty();
        }

        /** The healthcheck's test as one string, or empty when the service sets none. */
        Optional<String> healthcheck() {
            Object test =
                    Yaml.map(body.get("healthcheck"), name + ".healthcheck").get("test");
            if (test == null) {
                return Optional.empty();
            }
            return Optional.of(
                    test instanceof List<?> words
                            ? String.join(
                                    " ", words.stream().map(String::valueOf).toList())
                            : String.valueOf(test));
        }

        /** depends_on: service name to condition. */
        Map<String, String> dependsOn() {
            Object dependsOn = body.get("depends_on");
            Map<String, String> conditions = new LinkedHashMap<>();
            if (dependsOn instanceof List<?> names) {
                names.forEach(each -> conditions.put(String.valueOf(each), "service_started"));
            } else {
                Yaml.map(dependsOn, name + ".depends_on")
                        .forEach((service, settings) -> conditions.put(
                                service,
                                String.valueOf(Yaml.map(settings, name + ".depends_on." + service)
                                        .getOrDefault("condition", "service_started"))));
            }
            return conditions;
        }

        Optional<String> memoryLimit() {
            Map<String, Object> limits = Yaml.map(
                    Yaml.map(
                                    Yaml.map(body.get("deploy"), name + ".deploy")
                                            .get("resources"),
                                    name + ".deploy.resources")
                            .get("limits"),
                    name + ".deploy.resources.limits");
            Object memory = limits.get("memory");
            return Optional.ofNullable(memory == null ? (String) body.get("mem_limit") : String.valueOf(memory));
        }
    }
}
