package io.chingest.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read instruction by instruction (line continuations joined, comments dropped), grouped into its build
 * stages with what the checks ask of each: ENV, EXPOSE, COPY sources, HEALTHCHECK. Enough of the syntax for the
 * project's own Dockerfile, not a general parser. Immutable once read.
 */
final class Dockerfile {
    private static final Pattern FROM = Pattern.compile("(?i)FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    private Dockerfile(List<String> instructions) {
        Stage current = null;
        for (String instruction : instructions) {
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
            String arguments = instruction
                    .substring(instruction.split("\\s+", 2)[0].length())
                    .trim();
            if (keyword.equals("FROM")) {
                Matcher from = FROM.matcher(instruction);
                if (!from.matches()) {
                    throw new IllegalArgumentException("cannot read: " + instruction);
                }
                String name = from.group(2) != null ? from.group(2) : "stage-" + stages.size();
                current = new Stage(name, from.group(1), stages.get(from.group(1)));
                stages.put(name, current);
            } else if (current == null) {
                if (!keyword.equals("ARG")) {
                    throw new IllegalArgumentException(keyword + " before the first FROM");
                }
            } else {
                current.add(keyword, arguments);
            }
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.length() == 0) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            instructions.add(pending.toString().trim());
            pending.setLength(0);
        }
        return new Dockerfile(instructions);
    }

    Map<String, Stage> stages() {
        return stages;
    }

    Stage stage(String name) {
        Stage stage = stages.get(name);
        if (stage == null) {
            throw new IllegalArgumentException("the Dockerfile has no stage " + name + "; it has " + stages.keySet());
        }
        return stage;
    }

    /** One build stage; ENV and HEALTHCHECK include what it inherits from a stage it is built FROM. */
    static final class Stage {
        private final String name;
        private final String base;
        private final Stage parent;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> exposed = new ArrayList<>();
        private final List<Copy> copies = new ArrayList<>();
        private String healthcheck;
        private String entrypoint;

        Stage(String name, String base, Stage parent) {
            this.name = name;
            this.base = base;
            this.parent = parent;
        }

        private void add(String keyword, String arguments) {
            switch (keyword) {
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(arguments);
                    while (pair.find()) {
                        String value = pair.group(2);
                        environment.put(
                                pair.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                    }
                }
                case "EXPOSE" -> exposed.addAll(List.of(arguments.split("\\s+")));
                case "COPY", "ADD" -> copies.add(Copy.of(arguments));
                case "HEALTHCHECK" -> healthcheck = arguments;
                case "ENTRYPOINT" -> entrypoint = arguments;
                default -> {}
            }
        }

        String name() {
            return name;
        }

        String base() {
            return base;
        }

        Map<String, String> environment() {
            Map<String, String> all = parent == null ? new LinkedHashMap<>() : parent.environment();
            all.putAll(environment);
            return all;
        }

        List<String> exposed() {
            return exposed;
        }

        List<Copy> copies() {
            return copies;
        }

        Optional<String> healthcheck() {
            return healthcheck != null
                    ? Optional.of(healthcheck)
                    : parent == null ? Optional.empty() : parent.healthcheck();
        }

        Optional<String> entrypoint() {
            return entrypoint != null
                    ? Optional.of(entrypoint)
                    : parent == null ? Optional.empty() : parent.entrypoint();
        }
    }

    /** A COPY: its sources, from the build context or from another stage ({@code --from}), and its destination. */
    record Copy(Optional<String> fromStage, List<String> sources, String destination) {
        static Copy of(String arguments) {
            List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
            Optional<String> from = Optional.empty();
            while (!words.isEmpty() && words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                if (flag.startsWith("--from=")) {
                    from = Optional.of(flag.substring("--from=".length()));
                }
            }
            if (words.size() < 2) {
                throw new IllegalArgumentException("COPY needs a source and a destination: " + arguments);
            }
            return new Copy(from, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1));
        }
    }
}
