package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class SecretWatchedCommandLineTest {
    /** Prints its --say value to standard output and its --shout value to standard error. */
    @Command(name = "echo")
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--say")
        String say = "";

        @Option(names = "--shout")
        String shout = "";

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(say);
            spec.commandLine().getErr().print(shout);
            return 3;
        }
    }

    private final SecretWatchedCommandLine commandLine = new SecretWatchedCommandLine(Echo::new, "Qw1");

    @Test
    void aRunThatPrintsNoCredentialReturnsItsExitCodeAndKeepsItsOutput() {
        String secret = commandLine.secret("pw");

        assertThat(commandLine.execute(Map.of(), "--say", "hello", "--shout", "oops"))
                .isEqualTo(3);
        assertThat(commandLine.execute(Map.of(), "--say", " again")).isEqualTo(3);

        assertThat(secret).isEqualTo("pw-0-Qw1");
        assertThat(commandLine.out()).isEqualTo("hello again");
        assertThat(commandLine.err()).isEqualTo("oops");
    }

    @Test
    void aCredentialOnStandardOutputOrErrorFailsTheRun() {
        String first = commandLine.secret("a");
        String second = commandLine.secret("b");

        assertThatThrownBy(() -> commandLine.execute(Map.of(), "--say", "x" + first + "y"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(first);
        SecretWatchedCommandLine another = new SecretWatchedCommandLine(Echo::new, "Qw1");
        String third = another.secret("c");
        assertThatThrownBy(() -> another.execute(Map.of(), "--shout", third))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(third);
        assertThat(second).isEqualTo("b-1-Qw1");
    }

    @Test
    void aJaasValueHoldsTwoCredentialsAndTextIsCheckedForThem() {
        String jaas = commandLine.jaas("org.example.LoginModule", commandLine.secret("pw"));

        assertThat(jaas).isEqualTo("org.example.LoginModule required username=\"user-1-Qw1\" password=\"pw-0-Qw1\";");
        commandLine.assertNoSecretIn("sasl.jaas.config=[hidden]");
        assertThatThrownBy(() -> commandLine.assertNoSecretIn("name user-1-Qw1"))
                .isInstanceOf(AssertionError.class);
    }
}
