package io.chingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 made with the JDK's keytool: a keystore with the key (for a test
 * TLS server) and truststores with only the certificate, as PKCS12 and as JKS (for the clients under test).
 * Immutable once made.
 */
public final class SelfSignedCertificate {
    private static final String ALIAS = "server";

    private final Path keyStore;
    private final String keyStorePassword;
    private final Path directory;

    private SelfSignedCertificate(Path directory, Path keyStore, String keyStorePassword) {
        this.directory = directory;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
    }

    /** Makes the key pair and certificate (CN and subject alternative name 127.0.0.1) in {@code directory}. */
    public static SelfSignedCertificate create(Path directory, String keyStorePassword) {
        Path keyStore = directory.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                keyStorePassword);
        return new SelfSignedCertificate(directory, keyStore, keyStorePassword);
    }

    /** The PKCS12 keystore holding the key and certificate, for a TLS server. */
    public Path keyStore() {
        return keyStore;
    }

    public String keyStorePassword() {
        return keyStorePassword;
    }

    /** A new truststore with only the certificate; {@code type} is PKCS12 or JKS. */
    public Path trustStore(String type, String password) {
        Path certificate = directory.resolve("server.crt");
        if (!Files.exists(certificate)) {
            keytool(
                    "-exportcert",
                    "-alias",
                    ALIAS,
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    keyStorePassword,
                    "-rfc",
                    "-file",
                    certificate.toString());
        }
        Path trustStore =
                directory.resolve("trust-" + type.toLowerCase() + "-" + System.nanoTime() + "." + type.toLowerCase());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                ALIAS,
                "-file",
                certificate.toString(),
                "-storetype",
                type,
                "-keystore",
                trustStore.toString(),
                "-storepass",
                password);
        return trustStore;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
