package io.chingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The services of one test JVM: each created once, on free ports, with its data in this JVM's temporary
 * directory, started in the background as soon as a test class declares it, and stopped by a shutdown hook
 * (and by its watchdog if the JVM is killed). Thread-safe: state is guarded by the class lock.
 */
final class TestServices {
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "chingest-test-services");
    private static final String JVM_DIRECTORY_PREFIX = "jvm-";
    private static final Map<Class<?>, CompletableFuture<? extends LocalService>> STARTS = new HashMap<>();
    private static final List<LocalService> CREATED = new ArrayList<>();
    private static Path jvmDirectory;
    private static Optional<ExternalServices> external;

    private TestServices() {}

    /**
     * The services the tests use instead of local ones, when {@link ExternalServices#PROPERTY} asks for them; empty
     * (the default) when the tests run the local services.
     *
     * @throws IllegalStateException when the property names an unknown kind, or containers without their implementation
     */
    static synchronized Optional<ExternalServices> external() {
        if (external == null) {
            String kind = System.getProperty(ExternalServices.PROPERTY, "local");
            if (kind.equals("local")) {
                external = Optional.empty();
            } else if (kind.equals(ExternalServices.CONTAINERS)) {
                try {
                    external = Optional.of((ExternalServices) Class.forName(ExternalServices.IMPLEMENTATION)
                            .getDeclaredConstructor()
                            .newInstance());
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException(
                            ExternalServices.PROPERTY + "=" + kind + " needs "
                                    + ExternalServices.IMPLEMENTATION
                                    + " and Testcontainers on the class path: build with -Ptestcontainers ("
                                    + e + ")",
                            e);
                }
            } else {
                throw new IllegalStateException(ExternalServices.PROPERTY + " is '" + kind + "': expected local or "
                        + ExternalServices.CONTAINERS);
            }
        }
        return external;
    }

    static KafkaBroker kafka() {
        return local(KafkaBroker.class);
    }

    static SchemaRegistry schemaRegistry() {
        return local(SchemaRegistry.class);
    }

    static ClickHouseServer clickHouse() {
        return local(ClickHouseServer.class);
    }

    /** A local service's process, for tests that stop and start it; there is none when the services are external. */
    private static <S extends LocalService> S local(Class<S> type) {
        if (external().isPresent()) {
            throw new IllegalStateException(
                    "this test controls the local " + type.getSimpleName() + "'s process, which "
                            + ExternalServices.PROPERTY + "=" + System.getProperty(ExternalServices.PROPERTY)
                            + " does not run; the testcontainers profile leaves such tests out");
        }
        return await(type);
    }

    /**
     * Begins starting, in the background, every service whose extension {@code testClass} declares, so that
     * a class using several services waits for the slowest one rather than for their sum.
     */
    static void startDeclaredOn(Class<?> testClass) {
        if (external().isPresent()) {
            return;
        }
        for (ExtendWith declared : AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class)) {
            for (Class<?> extension : declared.value()) {
                if (extension == KafkaBrokerExtension.class) {
                    startInBackground(KafkaBroker.class);
                } else if (extension == SchemaRegistryExtension.class) {
                    startInBackground(SchemaRegistry.class);
                } else if (extension == ClickHouseExtension.class) {
                    startInBackground(ClickHouseServer.class);
                }
            }
        }
    }

    /** Starts {@code service} again if an earlier test stopped it and did not start it. */
    static void ensureRunning(LocalService service) {
        service.start();
    }

    private static <S extends LocalService> S await(Class<S> type) {
        CompletableFuture<? extends LocalService> start = startInBackground(type);
        try {
            return type.cast(start.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ServiceStartException failure) {
                throw new ServiceStartException(failure.getMessage(), failure);
            }
            throw new ServiceStartException("starting " + type.getSimpleName() + " failed: " + cause, cause);
        }
    }

    static synchronized CompletableFuture<? extends LocalService> startInBackground(Class<?> type) {
        CompletableFuture<? extends LocalService> start = STARTS.get(type);
        if (start == null) {
            LocalService service = create(type);
            CREATED.add(service);
            CompletableFuture<LocalService> result = new CompletableFuture<>();
            Thread starter = new Thread(
                    () -> {
                        try {
                            service.start();
                            result.complete(service);
                        } catch (Throwable e) {
                            result.completeExceptionally(e);
                        }
                    },
                    "start-" + service.name());
            starter.setDaemon(true);
            starter.start();
            start = result;
            STARTS.put(type, start);
        }
        return start;
    }

    private static LocalService create(Class<?> type) {
        if (type == KafkaBroker.class) {
            int[] ports = LoopbackPorts.freePorts(2);
            return new KafkaBroker(directoryFor("kafka"), ports[0], ports[1], ServiceLifetime.TIED_TO_JVM);
        }
        if (type == SchemaRegistry.class) {
            return new SchemaRegistry(
                    directoryFor("schema-registry"), LoopbackPorts.freePort(), ServiceLifetime.TIED_TO_JVM);
        }
        if (type == ClickHouseServer.class) {
            int[] ports = LoopbackPorts.freePorts(2);
            return new ClickHouseServer(directoryFor("clickhouse"), ports[0], ports[1], ServiceLifetime.TIED_TO_JVM);
        }
        throw new IllegalArgumentException("not a local service: " + type);
    }

    private static Path directoryFor(String service) {
        if (jvmDirectory == null) {
            jvmDirectory =
                    ROOT.resolve(JVM_DIRECTORY_PREFIX + ProcessHandle.current().pid());
            try {
                Files.createDirectories(ROOT);
                deleteDirectoriesOfDeadJvms();
                Files.createDirectories(jvmDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + jvmDirectory, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestServices::stopAll, "stop-test-services"));
        }
        return jvmDirectory.resolve(service);
    }

    /** Stops every created service in parallel, then deletes this JVM's directory. */
    private static void stopAll() {
        List<LocalService> services;
        synchronized (TestServices.class) {
            services = List.copyOf(CREATED);
        }
        List<Thread> stoppers = new ArrayList<>();
        for (LocalService service : services) {
            Thread stopper = new Thread(service::stop, "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        deleteRecursively(jvmDirectory);
    }

    /** A test JVM killed with SIGKILL cannot delete its directory; the next one does. */
    private static void deleteDirectoriesOfDeadJvms() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ROOT, JVM_DIRECTORY_PREFIX + "*")) {
            for (Path entry : entries) {
                String pid = entry.getFileName().toString().substring(JVM_DIRECTORY_PREFIX.length());
                try {
                    if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                        deleteRecursively(entry);
                    }
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a service still writing there; the next JVM sweeps it
        }
    }
}
