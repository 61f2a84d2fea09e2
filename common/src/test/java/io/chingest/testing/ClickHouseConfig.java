package io.chingest.testing;

import java.nio.file.Path;

/**
 * Generates the config.xml and users.xml of a ClickHouse 18.16 server that keeps everything in one directory
 * and listens on 127.0.0.1 only. Stateless and thread-safe.
 */
final class ClickHouseConfig {
    private ClickHouseConfig() {}

    /** Server configuration: data, temp, user files, format schemas and logs under the given paths; UTC. */
    static String configXml(Path dataPath, Path log, Path errorLog, int httpPort, int tcpPort) {
        return """
                <?xml version="1.0"?>
                <!-- Generated for tests and the local stack; rewritten on every start. -->
                <yandex>
                    <logger>
                        <level>information</level>
                        <log>%s</log>
                        <errorlog>%s</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <path>%s/</path>
                    <tmp_path>%s/</tmp_path>
                    <user_files_path>%s/</user_files_path>
                    <format_schema_path>%s/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <!-- As the Debian package's config: the built-in 10 s makes every stop wait 10 s for an idle
                         keep-alive connection. -->
                    <keep_alive_timeout>3</keep_alive_timeout>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                </yandex>
                """.formatted(
                        xml(log),
                        xml(errorLog),
                        httpPort,
                        tcpPort,
                        xml(dataPath),
                        xml(dataPath.resolve("tmp")),
                        xml(dataPath.resolve("user_files")),
                        xml(dataPath.resolve("format_schemas")));
    }

    /** User {@code default} without password from loopback, allowed to create LowCardinality columns. */
    static String usersXml() {
        return """
                <?xml version="1.0"?>
                <!-- Generated for tests and the local stack; rewritten on every start. -->
                <yandex>
                    <profiles>
                        <default>
                            <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
                        </default>
                    </profiles>
                    <users>
                        <default>
                            <password></password>
                            <networks>
                                <ip>127.0.0.1</ip>
                                <ip>::1</ip>
                            </networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                    </users>
                    <quotas>
                        <default></default>
                    </quotas>
                </yandex>
                """;
    }

    private static String xml(Object value) {
        return value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
