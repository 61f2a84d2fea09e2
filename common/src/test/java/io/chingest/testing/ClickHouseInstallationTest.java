package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding clickhouse-server and installing it when it is missing, with a stand-in install script. */
class ClickHouseInstallationTest {
    @TempDir
    Path directory;

    @Test
    void findsAnExistingBinaryWithoutInstalling() throws Exception {
        Path binary = executable(directory.resolve("clickhouse-server"), "#!/bin/sh\n");
        Path script = directory.resolve("must-not-run.sh");
        Files.writeString(script, "touch " + directory.resolve("ran") + "\n");

        Path found = new ClickHouseInstallation(List.of(directory.resolve("missing"), binary), Optional.of(script))
                .serverBinary();

        assertThat(found).isEqualTo(binary);
        assertThat(directory.resolve("ran")).doesNotExist();
    }

    @Test
    void runsTheInstallRoutineWhenTheBinaryIsMissing() throws Exception {
        Path binary = directory.resolve("bin/clickhouse-server");
        Path script = directory.resolve("local-stack.sh");
        Files.writeString(
                script,
                "[ \"$1\" = install ] || exit 9\nmkdir -p " + binary.getParent() + "\nprintf '#!/bin/sh\\n' > " + binary
                        + "\nchmod +x " + binary + "\n");

        Path found = new ClickHouseInstallation(List.of(binary), Optional.of(script)).serverBinary();

        assertThat(found).isEqualTo(binary);
    }

    @Test
    void aFailedInstallNamesThePackagesAndShowsTheInstallerOutput() throws Exception {
        Path script = directory.resolve("local-stack.sh");
        Files.writeString(script, "echo 'ClickHouse is not installed and installing it needs root.'\nexit 1\n");
        Path binary = directory.resolve("clickhouse-server");

        assertThatThrownBy(() -> new ClickHouseInstallation(List.of(binary), Optional.of(script)).serverBinary())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ClickHouse server not found at " + binary + ". Install the Debian packages "
                        + "clickhouse-server clickhouse-client as root (apt-get update && apt-get install -y "
                        + "clickhouse-server clickhouse-client, or docker/local-stack.sh install). Automatic install: "
                        + script + " install exited with code 1:\n"
                        + "ClickHouse is not installed and installing it needs root.");
    }

    @Test
    void withoutAnInstallScriptItNamesThePackages() {
        Path binary = directory.resolve("clickhouse-server");

        assertThatThrownBy(() -> new ClickHouseInstallation(List.of(binary), Optional.empty()).serverBinary())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Install the Debian packages clickhouse-server clickhouse-client as root")
                .hasMessageEndingWith("Automatic install: no docker/local-stack.sh found to install them with");
    }

    private static Path executable(Path path, String content) throws Exception {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
