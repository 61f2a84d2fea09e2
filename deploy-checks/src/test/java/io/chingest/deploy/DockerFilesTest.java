package io.chingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.metrics.PrometheusEndpoint;
import io.chingest.consumer.clickhouse.CreateTableStatement;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.deploy.ComposeFile.Service;
import io.chingest.deploy.Dockerfile.Copy;
import io.chingest.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The deployment files in docker/ checked against the repository and the programs, without a Docker engine: every file
 * they name exists, every CH_INGEST_* variable is an option of the program it configures, every port agrees between
 * compose, the Dockerfile and Prometheus, and the provisioning files parse.
 */
class DockerFilesTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");
    private static final Pattern MEMORY = Pattern.compile("(?i)([0-9]+)([kmg])b?");
    /** What a JVM takes beside its heap at most, as measured for the consumer (README, launcher): 105-120 MiB. */
    private static final long JVM_BESIDE_HEAP_MIB = 128;

    private static Path repository;
    private static ComposeFile compose;
    private static Dockerfile dockerfile;
    private static PrometheusConfig prometheus;

    @BeforeAll
    static void readFiles() throws IOException {
        repository = DeploymentFiles.repository();
        compose = ComposeFile.read(DeploymentFiles.compose());
        dockerfile = Dockerfile.read(DeploymentFiles.dockerfile());
        prometheus = PrometheusConfig.read(DeploymentFiles.prometheusConfig());
    }

    /** The services that run one of the programs, with the name of the program. */
    private static Map<String, String> programServices() {
        Map<String, String> programs = new LinkedHashMap<>();
        compose.services()
                .forEach((name, service) -> service.buildTarget()
                        .filter(Programs::isProgram)
                        .ifPresent(program -> programs.put(name, program)));
        return programs;
    }

    /** What the program in a service sees: the image stage's ENV, then compose's environment. */
    private static Map<String, String> effectiveEnvironment(Service service, String program) {
        Map<String, String> environment =
                new LinkedHashMap<>(dockerfile.stage(program).environment());
        environment.putAll(service.environment());
        return environment;
    }

    @Test
    void everyProgramRunsInComposeAndEveryProgramServiceIsBuiltFromItsStage() {
        assertThat(new TreeSet<>(programServices().values()))
                .containsExactlyElementsOf(new TreeSet<>(Programs.names()));
        programServices().forEach((name, program) -> {
            Service service = compose.service(name);
            assertThat(service.image())
                    .as(name + " image")
                    .hasValueSatisfying(image -> assertThat(image)
                            .isEqualTo("ch-ingest/" + program + ":" + DeploymentFiles.projectVersion()));
            assertThat(dockerfile.stages()).as("Dockerfile stages").containsKey(program);
        });
    }

    @Test
    void everyFileAndDirectoryComposeNamesExists() {
        Path base = compose.directory();
        compose.services().forEach((name, service) -> {
            Map<String, Object> build = service.build();
            if (!build.isEmpty()) {
                Path context =
                        base.resolve(String.valueOf(build.get("context"))).normalize();
                assertThat(context).as(name + " build context").isDirectory();
                assertThat(context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))))
                        .as(name + " dockerfile")
                        .isRegularFile();
            }
            for (String source : service.volumeSources()) {
                assertThat(source)
                        .as(name + ": a host path outside the repository")
                        .doesNotStartWith("/");
                if (source.startsWith(".")) {
                    assertThat(base.resolve(source).normalize())
                            .as(name + " volume " + source)
                            .exists();
                } else {
                    assertThat(compose.volumes())
                            .as(name + ": named volume " + source + " declared at the top level")
                            .containsKey(source);
                }
            }
            Object envFiles = service.body().get("env_file");
            for (Object envFile :
                    envFiles instanceof List<?> files ? files : envFiles == null ? List.of() : List.of(envFiles)) {
                assertThat(base.resolve(String.valueOf(envFile)))
                        .as(name + " env_file")
                        .isRegularFile();
            }
        });
    }

    @Test
    void everyPathTheDockerfileCopiesFromTheContextExistsAndIsNotDockerIgnored() throws IOException {
        List<PathMatcher> ignored = new ArrayList<>();
        for (String line : Files.readAllLines(repository.resolve(".dockerignore"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + line.trim()));
            }
        }
        List<String> copied = new ArrayList<>();
        for (Stage stage : dockerfile.stages().values()) {
            for (Copy copy : stage.copies()) {
                if (copy.fromStage().isPresent()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    Path path = repository.resolve(source).normalize();
                    assertThat(path)
                            .as("COPY " + source + " in stage " + stage.name())
                            .exists();
                    Path relative = repository.relativize(path);
                    for (int i = 1; i <= relative.getNameCount(); i++) {
                        Path prefix = relative.subpath(0, i);
                        assertThat(ignored)
                                .as("COPY " + source + ": .dockerignore leaves out " + prefix)
                                .noneMatch(matcher -> matcher.matches(prefix));
                    }
                    copied.add(relative.toString());
                }
            }
        }
        // Maven reads every module of the reactor even when it builds some: each module's pom must be in the image.
        String parent = Files.readString(repository.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher module = MODULE.matcher(parent);
        while (module.find()) {
            assertThat(copied)
                    .as("the Dockerfile copies the pom of module " + module.group(1))
                    .contains(module.group(1) + "/pom.xml");
        }
    }

    @Test
    void whatTheProgramStagesCopyFromTheBuildIsWhatTheBuildMakes() {
        for (String program : Programs.names()) {
            Stage stage = dockerfile.stage(program);
            List<String> built = stage.copies().stream()
                    .filter(copy -> copy.fromStage().isPresent())
                    .flatMap(copy -> copy.sources().stream())
                    .toList();
            assertThat(built)
                    .as(program + " copies its runnable jar")
                    .contains("/src/" + program + "/target/" + program + ".jar");
            for (String source : built) {
                Matcher file = Pattern.compile("/src/([^/]+)/target/([^/]+)").matcher(source);
                assertThat(file.matches())
                        .as(source + " is a file of a module's target/")
                        .isTrue();
                assertThat(repository.resolve(file.group(1)).resolve("pom.xml"))
                        .as(source + ": module")
                        .isRegularFile();
                if (!file.group(2).endsWith(".jar")) {
                    // Not a jar: a resource the module copies into target/ as it is (the consumer's launcher).
                    assertThat(repository
                                    .resolve(file.group(1))
                                    .resolve("src/main/sh")
                                    .resolve(file.group(2)))
                            .as(source + " comes from src/main/sh")
                            .isRegularFile();
                }
            }
            assertThat(stage.entrypoint())
                    .as(program + " ENTRYPOINT")
                    .hasValueSatisfying(entrypoint -> assertThat(
                                    built.stream().map(path -> path.substring(path.lastIndexOf('/') + 1)))
                            .anyMatch(name -> entrypoint.contains("/opt/ch-ingest/" + name)));
        }
    }

    @Test
    void composeBuildsOnlyStagesTheDockerfileHas() {
        compose.services()
                .forEach((name, service) -> service.buildTarget()
                        .ifPresent(target -> assertThat(dockerfile.stages())
                                .as(name + " build target")
                                .containsKey(target)));
    }

    @Test
    void everyChIngestVariableIsAnOptionOfTheProgramItConfigures() {
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (String program : Programs.names()) {
            Set<String> accepted = Programs.environmentVariables(program);
            assertThat(accepted)
                    .as(program + " reads CH_INGEST_BOOTSTRAP_SERVERS (the option list is really built)")
                    .contains("CH_INGEST_BOOTSTRAP_SERVERS", "CH_INGEST_METRICS_PORT");
            dockerfile.stage(program).environment().keySet().stream()
                    .filter(name -> name.startsWith("CH_INGEST_"))
                    .filter(name -> !accepted.contains(name))
                    .forEach(name -> unknown.computeIfAbsent("Dockerfile stage " + program, key -> new TreeSet<>())
                            .add(name));
        }
        compose.services().forEach((name, service) -> {
            Optional<String> program = service.buildTarget().filter(Programs::isProgram);
            Set<String> accepted = program.map(Programs::environmentVariables).orElse(Set.of());
            service.environment().keySet().stream()
                    .filter(variable -> variable.startsWith("CH_INGEST_"))
                    .filter(variable -> !accepted.contains(variable))
                    .forEach(variable -> unknown.computeIfAbsent("compose service " + name, key -> new TreeSet<>())
                            .add(variable));
        });
        assertThat(unknown)
                .as("CH_INGEST_* variables no option reads (the program would refuse to start)")
                .isEmpty();
    }

    @Test
    void everyProgramServiceRunsASubcommandAndGivesItsRequiredOptions() {
        programServices().forEach((name, program) -> {
            Service service = compose.service(name);
            List<String> command = service.command();
            CommandLine root = Programs.commandLine(program);
            assertThat(command).as(name + " command").isNotEmpty();
            assertThat(root.getSubcommands())
                    .as(name + ": subcommand " + command.get(0))
                    .containsKey(command.get(0));
            CommandSpec subcommand = root.getSubcommands().get(command.get(0)).getCommandSpec();
            Map<String, String> environment = effectiveEnvironment(service, program);
            Set<String> variables = Programs.environmentVariables(program);
            for (OptionSpec option : subcommand.options()) {
                if (option.required()) {
                    String variable = "CH_INGEST_"
                            + option.longestName()
                                    .replaceFirst("^-+", "")
                                    .toUpperCase()
                                    .replace('-', '_');
                    assertThat(variables).contains(variable);
                    assertThat(environment.containsKey(variable)
                                    || command.stream()
                                            .anyMatch(word ->
                                                    List.of(option.names()).contains(word)
                                                            || List.of(option.names()).stream()
                                                                    .anyMatch(each -> word.startsWith(each + "="))))
                            .as(name + ": required option " + option.longestName() + " (flag or " + variable + ")")
                            .isTrue();
                }
            }
            long requiredPositionals = subcommand.positionalParameters().stream()
                    .filter(PositionalParamSpec::required)
                    .count();
            assertThat(command.stream()
                            .skip(1)
                            .filter(word -> !word.startsWith("-"))
                            .count())
                    .as(name + ": positional parameters of " + command.get(0))
                    .isGreaterThanOrEqualTo(requiredPositionals);
        });
    }

    @Test
    void metricsPortsAgreeBetweenComposeTheDockerfileAndPrometheus() {
        Set<String> expectedTargets = new TreeSet<>();
        programServices().forEach((name, program) -> {
            Service service = compose.service(name);
            Stage stage = dockerfile.stage(program);
            String imagePort = stage.environment().get("CH_INGEST_METRICS_PORT");
            assertThat(imagePort)
                    .as(program + " image sets CH_INGEST_METRICS_PORT")
                    .isNotNull();
            assertThat(stage.exposed()).as(program + " EXPOSE").containsExactly(imagePort);
            assertThat(stage.healthcheck())
                    .as(program + " HEALTHCHECK")
                    .hasValueSatisfying(check ->
                            assertThat(check).contains("${CH_INGEST_METRICS_PORT}" + PrometheusEndpoint.HEALTH_PATH));
            String port = effectiveEnvironment(service, program).get("CH_INGEST_METRICS_PORT");
            assertThat(port).as(name + " metrics port").matches("[0-9]{1,5}");
            service.healthcheck()
                    .ifPresent(check -> assertThat(check)
                            .as(name + " healthcheck")
                            .containsAnyOf(
                                    ":" + port + PrometheusEndpoint.HEALTH_PATH,
                                    ":${CH_INGEST_METRICS_PORT}" + PrometheusEndpoint.HEALTH_PATH));
            expectedTargets.add(name + ":" + port);
        });
        assertThat(new TreeSet<>(prometheus.targets()))
                .as("Prometheus scrapes every program service at its metrics port, and nothing else")
                .containsExactlyElementsOf(expectedTargets);
        prometheus
                .targetsByJob()
                .keySet()
                .forEach(job -> assertThat(prometheus.metricsPath(job))
                        .as(job + " metrics_path")
                        .isEqualTo(PrometheusEndpoint.PATH));
        assertThat(prometheus.ruleFiles())
                .as("rule files (their metric names would need checking too)")
                .isEmpty();
        assertThat(compose.service("prometheus").volumeTarget("./prometheus/prometheus.yml"))
                .hasValue("/etc/prometheus/prometheus.yml");
    }

    @Test
    void everyConditionOfDependsOnCanBecomeTrue() {
        compose.services()
                .forEach((name, service) -> service.dependsOn().forEach((dependency, condition) -> {
                    assertThat(compose.services())
                            .as(name + " depends on " + dependency)
                            .containsKey(dependency);
                    Service other = compose.service(dependency);
                    switch (condition) {
                        case "service_healthy" ->
                            assertThat(other.healthcheck().isPresent()
                                            || other.buildTarget()
                                                    .flatMap(target -> dockerfile
                                                            .stage(target)
                                                            .healthcheck())
                                                    .isPresent())
                                    .as(dependency + " has a healthcheck, which " + name + " waits for")
                                    .isTrue();
                        case "service_completed_successfully" ->
                            assertThat(String.valueOf(other.body().get("restart")))
                                    .as(dependency + " runs once, which " + name + " waits for")
                                    .isEqualTo("no");
                        case "service_started" -> {}
                        default -> throw new AssertionError(name + ": unknown depends_on condition " + condition);
                    }
                }));
    }

    @Test
    void consumersOfOneGroupHaveDistinctStaticMemberIds() {
        Map<String, List<String>> idsByGroup = new HashMap<>();
        programServices().forEach((name, program) -> {
            if (!program.equals("ch-consumer")) {
                return;
            }
            Map<String, String> environment = effectiveEnvironment(compose.service(name), program);
            String id = Optional.ofNullable(environment.get("CH_INGEST_INSTANCE_ID"))
                    .orElseGet(() -> {
                        String property = environment.getOrDefault("CH_INGEST_CONSUMER_PROPERTY", "");
                        return property.startsWith("group.instance.id=")
                                ? property.substring("group.instance.id=".length())
                                : null;
                    });
            assertThat(id).as(name + ": static member id").isNotBlank();
            idsByGroup
                    .computeIfAbsent(environment.get("CH_INGEST_GROUP"), group -> new ArrayList<>())
                    .add(id);
        });
        assertThat(idsByGroup).as("consumer services").isNotEmpty();
        idsByGroup.forEach((group, ids) ->
                assertThat(ids).as("member ids in group " + group).doesNotHaveDuplicates());
        assertThat(idsByGroup.values().stream().mapToInt(List::size).sum())
                .as("consumer replicas")
                .isEqualTo(3);
    }

    @Test
    void everyLongRunningServiceHasAMemoryLimitThatItsJvmHeapLeavesRoomIn() {
        compose.services()
                .forEach((name, service) -> assertThat(service.memoryLimit())
                        .as(name + " memory limit")
                        .isPresent());
        programServices().forEach((name, program) -> {
            Map<String, String> environment = effectiveEnvironment(compose.service(name), program);
            String jvmOptions =
                    environment.getOrDefault("JAVA_OPTS", "") + " " + environment.getOrDefault("JAVA_TOOL_OPTIONS", "");
            assertThat(jvmOptions)
                    .as(name + ": a heap of a fixed size would ignore the limit")
                    .doesNotContain("-Xmx");
            Matcher percentage = MAX_RAM_PERCENTAGE.matcher(jvmOptions);
            assertThat(percentage.find())
                    .as(name + " sets -XX:MaxRAMPercentage")
                    .isTrue();
            long limitMib = mebibytes(compose.service(name).memoryLimit().orElseThrow());
            double heapMib = limitMib * Double.parseDouble(percentage.group(1)) / 100;
            assertThat(heapMib + JVM_BESIDE_HEAP_MIB)
                    .as(name + ": heap " + heapMib + " MiB + JVM within " + limitMib + " MiB")
                    .isLessThanOrEqualTo(limitMib);
        });
    }

    @Test
    void theInitScriptCreatesTheTableThatCreateTableWouldCreate() throws IOException {
        Path script = DeploymentFiles.docker().resolve("clickhouse/initdb/01-orders.sql");
        assertThat(compose.service("clickhouse").volumeTarget("./clickhouse/initdb"))
                .hasValue("/docker-entrypoint-initdb.d");
        Map<String, String> consumer = effectiveEnvironment(compose.service("ch-consumer-1"), "ch-consumer");
        Schema schema = new Schema.Parser()
                .parse(DeploymentFiles.docker().resolve("sample/orders.avsc").toFile());
        String expected = CreateTableStatement.sql(
                TableName.parse(consumer.get("CH_INGEST_TABLE")), AvroToClickHouseMapping.columnsOf(schema));
        String sql = Files.readAllLines(script, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining(" "));
        assertThat(normalized(sql)).isEqualTo(normalized(expected) + ";");
    }

    @Test
    void grafanaProvisioningPointsAtTheMountedDashboardsAndPrometheus() throws IOException {
        Service grafana = compose.service("grafana");
        Map<String, Object> providers =
                Yaml.read(DeploymentFiles.docker().resolve("grafana/provisioning/dashboards/ch-ingest.yaml"));
        String path = String.valueOf(Yaml.map(
                        Yaml.map(
                                        Yaml.list(providers.get("providers"), "providers")
                                                .get(0),
                                        "provider")
                                .get("options"),
                        "options")
                .get("path"));
        assertThat(grafana.volumeTarget("./grafana/dashboards")).hasValue(path);
        assertThat(grafana.volumeTarget("./grafana/provisioning")).hasValue("/etc/grafana/provisioning");
        Map<String, Object> datasource = Yaml.map(
                Yaml.list(
                                Yaml.read(DeploymentFiles.docker()
                                                .resolve("grafana/provisioning/datasources/prometheus.yaml"))
                                        .get("datasources"),
                                "datasources")
                        .get(0),
                "datasource");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        GrafanaDashboards dashboards = GrafanaDashboards.read(DeploymentFiles.grafanaDashboards());
        assertThat(dashboards.datasourceUids()).isNotEmpty().allMatch(uid -> uid.equals(datasource.get("uid")));
        dashboards.expressionsByPanel().forEach((panel, expressions) -> {
            assertThat(expressions).as(panel).isNotEmpty();
            expressions.forEach(expression -> assertThat(PromQl.metricNames(expression))
                    .as(panel + ": " + expression)
                    .isNotEmpty());
        });
        String allExpressions = String.join("\n", dashboards.expressions());
        assertThat(allExpressions)
                .as("the dashboard shows what the deployment is for")
                .contains(
                        "chingest_consumer_rows_inserted_total",
                        "chingest_producer_rows_published_total",
                        "kafka_consumer_fetch_manager_records_lag",
                        "chingest_consumer_insert_latency_seconds_bucket",
                        "chingest_consumer_insert_failures_total",
                        "chingest_consumer_dead_letters_total",
                        "chingest_consumer_buffered_bytes",
                        "chingest_consumer_inflight_bytes",
                        "jvm_memory_used_bytes");
    }

    private static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ")
                .replaceAll("\\(\\s+", "(")
                .replaceAll("\\s+\\)", ")")
                .replaceAll("\\s+;", ";")
                .trim();
    }

    private static long mebibytes(String size) {
        Matcher memory = MEMORY.matcher(size.trim());
        if (!memory.matches()) {
            throw new IllegalArgumentException("not a memory size: " + size);
        }
        long value = Long.parseLong(memory.group(1));
        return switch (memory.group(2).toLowerCase()) {
            case "k" -> value / 1024;
            case "m" -> value;
            default -> value * 1024;
        };
    }
}
