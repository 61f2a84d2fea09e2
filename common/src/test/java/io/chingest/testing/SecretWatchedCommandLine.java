package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * A program's command line run in this JVM through {@link CommandLineRunner}, with the credentials a test hands it:
 * every credential comes from {@link #secret}, and every run fails the test if its standard output or error (kept
 * across runs) holds one of them. Owned by one test; not thread-safe.
 */
public final class SecretWatchedCommandLine {
    private final Supplier<Object> command;
    private final String marker;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> secrets = new ArrayList<>();

    /**
     * {@code command} makes a fresh picocli command object for each run; {@code marker} ends every credential, so a
     * credential cannot be mistaken for text the program prints on its own.
     */
    public SecretWatchedCommandLine(Supplier<Object> command, String marker) {
        this.command = command;
        this.marker = marker;
    }

    /** A new credential, remembered to be looked for in every output. */
    public String secret(String name) {
        String value = name + "-" + secrets.size() + "-" + marker;
        secrets.add(value);
        return value;
    }

    /** A sasl.jaas.config value for {@code loginModule} whose user name and {@code password} are both credentials. */
    public String jaas(String loginModule, String password) {
        return loginModule + " required username=\"" + secret("user") + "\" password=\"" + password + "\";";
    }

    /** Runs the program with {@code args} and {@code environment}, checks its output holds no credential, and returns its exit code. */
    public int execute(Map<String, String> environment, String... args) {
        int code = CommandLineRunner.execute(
                new CommandLine(command.get()),
                args,
                environment,
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertNoSecretPrinted();
        return code;
    }

    /** Fails if the standard output or error of the runs so far holds a credential. */
    public void assertNoSecretPrinted() {
        assertNoSecretIn(out());
        assertNoSecretIn(err());
    }

    /** Fails if {@code text} (a settings dump, say) holds a credential. */
    public void assertNoSecretIn(String text) {
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
        }
    }

    /** The standard output of every run so far. */
    public String out() {
        return out.toString();
    }

    /** The standard error of every run so far. */
    public String err() {
        return err.toString();
    }
}
