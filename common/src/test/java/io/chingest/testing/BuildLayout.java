package io.chingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where common's build left what the local services need (the registry distribution, the class path for the
 * broker's JVM, the checkout), read from the filtered resource {@code local-services.properties}. Immutable.
 */
final class BuildLayout {
    private static final String RESOURCE = "local-services.properties";
    private static final String APICURIO_HOME_PROPERTY = "chingest.apicurio.home";

    private final Properties properties;

    private BuildLayout(Properties properties) {
        this.properties = properties;
    }

    /** The layout recorded by the build that produced these test classes. */
    static BuildLayout current() {
        Properties properties = new Properties();
        try (InputStream in = BuildLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/chingest/testing/" + RESOURCE
                        + " is missing from the class path: build common's tests with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildLayout(properties);
    }

    /** The checkout that built common, if it is still there. */
    Optional<Path> checkoutRoot() {
        Path root = Path.of(properties.getProperty("checkout.root", ""))
                .toAbsolutePath()
                .normalize();
        return Files.isDirectory(root.resolve("common")) ? Optional.of(root) : Optional.empty();
    }

    /** The Apicurio Registry runner jar: system property {@value #APICURIO_HOME_PROPERTY}, else the unpacked build output. */
    Path apicurioRunnerJar() {
        String version = properties.getProperty("apicurio.version");
        String override = System.getProperty(APICURIO_HOME_PROPERTY);
        Path home = Path.of(override != null ? override : properties.getProperty("apicurio.home"));
        Path jar = home.resolve("apicurio-registry-app-" + version + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry " + version + " not found: no " + jar
                    + "; run `mvn -pl common process-test-resources`, which unpacks io.apicurio:apicurio-registry-app:"
                    + version + ":tar.gz:all there, or set -D" + APICURIO_HOME_PROPERTY + "=<unpacked directory>");
        }
        return jar;
    }

    /**
     * The class path for child JVMs that run the broker or the local stack: common's test classes, classes and
     * test-scoped dependencies as the build wrote them, else this JVM's own test class path.
     */
    String childClassPath() {
        Path file = Path.of(properties.getProperty("services.classpath.file", ""));
        Path testClasses = Path.of(properties.getProperty("services.test.classes", ""));
        Path classes = Path.of(properties.getProperty("services.classes", ""));
        if (Files.isRegularFile(file) && Files.isDirectory(testClasses)) {
            try {
                String dependencies = Files.readString(file).trim();
                return testClasses + java.io.File.pathSeparator + classes + java.io.File.pathSeparator + dependencies;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        // Under surefire/failsafe java.class.path may be a manifest-only jar; the real path is in this property.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The java launcher of the running JVM. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
