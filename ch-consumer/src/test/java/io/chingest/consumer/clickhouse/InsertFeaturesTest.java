package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.insert.InsertSettings;
import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.common.mapping.ColumnMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an insert sends on each server version: 18.16 keeps the old path, current releases get the newer features. */
class InsertFeaturesTest {
    private static final ServerVersion OLD = ServerVersion.parse("18.16.1");
    private static final ServerVersion LTS_24_8 = ServerVersion.parse("24.8.4.13");
    private static final String TOKEN = "orders-3-100-199";
    private static final String CREATE = CreateTableStatement.sql(
            TableName.parse("db.t"),
            List.of(new ColumnMapping("id", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0))));

    @Test
    void on18_16AnInsertSendsOnlyItsBlockSizeUncompressedAndTheTableGetsNoSettings() {
        InsertFeatures features = InsertFeatures.forServer(OLD, RequestCompression.AUTO, true);

        assertThat(features).isEqualTo(new InsertFeatures(false, false, false));
        assertThat(features.serverSettings(TOKEN, 500)).containsExactly(Map.entry("max_insert_block_size", "501"));
        assertThat(features.tableSettings()).isEmpty();
        assertThat(CreateTableStatement.withSettings(CREATE, features.tableSettings()))
                .isEqualTo(CREATE);

        InsertSettings settings = ClickHouseConnection.insertSettings(features, "chingest-q", TOKEN, 500);
        assertThat(settings.isClientCompressionEnabled()).isFalse();
        assertThat(settings.getQueryId()).isEqualTo("chingest-q");
        // client-v2 sends clickhouse_setting_* as URL parameters named without the prefix, "decompress" as is.
        assertThat(settings.getAllSettings())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "clickhouse_setting_max_insert_block_size",
                        "501",
                        "decompress",
                        false,
                        "client.use_http_compression",
                        false,
                        "query_id",
                        "chingest-q"));
    }

    @Test
    void on24_8AnInsertCarriesItsTokenIsSynchronousAndCompressedAndTheTableKeepsADeduplicationWindow() {
        InsertFeatures features = InsertFeatures.forServer(LTS_24_8, RequestCompression.AUTO, true);

        assertThat(features).isEqualTo(new InsertFeatures(true, true, true));
        assertThat(features.serverSettings(TOKEN, 100_000))
                .containsExactly(
                        Map.entry("max_insert_block_size", "100001"),
                        Map.entry("async_insert", "0"),
                        Map.entry("insert_deduplication_token", TOKEN));
        assertThat(CreateTableStatement.withSettings(CREATE, features.tableSettings()))
                .isEqualTo(
                        "CREATE TABLE IF NOT EXISTS db.t"
                                + " (`id` Int64, _kafka_topic String, _kafka_partition Int32, _kafka_offset Int64) ENGINE = MergeTree"
                                + " ORDER BY (_kafka_topic, _kafka_partition, _kafka_offset) SETTINGS non_replicated_deduplication_window = 10000");

        InsertSettings settings = ClickHouseConnection.insertSettings(features, "chingest-q", TOKEN, 100_000);
        assertThat(settings.isClientCompressionEnabled()).isTrue();
        assertThat(settings.getAllSettings())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "clickhouse_setting_max_insert_block_size",
                        "100001",
                        "clickhouse_setting_async_insert",
                        "0",
                        "clickhouse_setting_insert_deduplication_token",
                        TOKEN,
                        "decompress",
                        true,
                        "client.use_http_compression",
                        false,
                        "query_id",
                        "chingest-q"));
    }

    @Test
    void eachFeatureStartsWithTheReleaseThatIntroducedIt() {
        assertThat(InsertFeatures.forServer(ServerVersion.parse("21.10.6.2"), RequestCompression.AUTO, true))
                .isEqualTo(new InsertFeatures(false, false, false));
        assertThat(InsertFeatures.forServer(ServerVersion.parse("21.11.1.8636"), RequestCompression.AUTO, true))
                .isEqualTo(new InsertFeatures(false, true, false));
        assertThat(InsertFeatures.forServer(ServerVersion.parse("22.1.3.7"), RequestCompression.AUTO, true))
                .isEqualTo(new InsertFeatures(false, true, false));
        assertThat(InsertFeatures.forServer(ServerVersion.parse("22.2.1.2139"), RequestCompression.AUTO, true))
                .isEqualTo(new InsertFeatures(true, true, true));
        assertThat(InsertFeatures.forServer(ServerVersion.parse("26.7.2.1"), RequestCompression.AUTO, true))
                .isEqualTo(new InsertFeatures(true, true, true));
    }

    @Test
    void theOptionsOverrideTheVersionsChoice() {
        assertThat(InsertFeatures.forServer(OLD, RequestCompression.LZ4, true))
                .isEqualTo(new InsertFeatures(false, false, true));
        assertThat(InsertFeatures.forServer(LTS_24_8, RequestCompression.NONE, true))
                .isEqualTo(new InsertFeatures(true, true, false));

        InsertFeatures withoutTokens = InsertFeatures.forServer(LTS_24_8, RequestCompression.AUTO, false);
        assertThat(withoutTokens).isEqualTo(new InsertFeatures(false, true, true));
        assertThat(withoutTokens.serverSettings(TOKEN, 10)).doesNotContainKey("insert_deduplication_token");
        assertThat(withoutTokens.tableSettings()).isEmpty();
    }

    @Test
    void compressionIsParsedByNameAndAnythingElseIsRefusedNamingTheValues() {
        assertThat(RequestCompression.parse(" LZ4 ")).isEqualTo(RequestCompression.LZ4);
        assertThat(RequestCompression.parse("none")).isEqualTo(RequestCompression.NONE);
        assertThat(RequestCompression.parse("auto")).isEqualTo(RequestCompression.AUTO);
        assertThatThrownBy(() -> RequestCompression.parse("gzip")).hasMessage("must be auto, none or lz4, was 'gzip'");
    }
}
