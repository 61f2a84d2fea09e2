package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClickHouseConfigTest {
    @Test
    void configKeepsEverythingUnderItsDirectoryOnLoopbackInUtc() {
        String xml = ClickHouseConfig.configXml(
                Path.of("/srv/ch/data"),
                Path.of("/srv/ch/server.log"),
                Path.of("/srv/ch/server.err.log"),
                18123,
                19000);

        assertThat(xml)
                .startsWith("<?xml version=\"1.0\"?>\n")
                .contains(
                        "<yandex>",
                        "<log>/srv/ch/server.log</log>",
                        "<errorlog>/srv/ch/server.err.log</errorlog>",
                        "<listen_host>127.0.0.1</listen_host>",
                        "<http_port>18123</http_port>",
                        "<tcp_port>19000</tcp_port>",
                        "<path>/srv/ch/data/</path>",
                        "<tmp_path>/srv/ch/data/tmp/</tmp_path>",
                        "<user_files_path>/srv/ch/data/user_files/</user_files_path>",
                        "<format_schema_path>/srv/ch/data/format_schemas/</format_schema_path>",
                        "<users_config>users.xml</users_config>",
                        "<timezone>UTC</timezone>",
                        "<keep_alive_timeout>3</keep_alive_timeout>");
    }

    @Test
    void pathsAreEscapedForXml() {
        String xml = ClickHouseConfig.configXml(Path.of("/srv/a&b<c>/data"), Path.of("/l"), Path.of("/e"), 1, 2);

        assertThat(xml).contains("<path>/srv/a&amp;b&lt;c&gt;/data/</path>");
    }

    @Test
    void usersAllowTheDefaultUserWithoutPasswordAndLowCardinality() {
        assertThat(ClickHouseConfig.usersXml())
                .contains(
                        "<allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>",
                        "<password></password>",
                        "<ip>127.0.0.1</ip>",
                        "<profile>default</profile>");
    }
}
