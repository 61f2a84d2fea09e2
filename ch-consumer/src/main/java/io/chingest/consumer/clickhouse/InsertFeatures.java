package io.chingest.consumer.clickhouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the consumer's inserts use on one server, chosen once from its {@code SELECT version()} and the options: the
 * settings every INSERT sends (URL parameters), whether its body is LZ4-compressed, and the table settings
 * {@code --create-table} adds. On 18.16 that is only the block size, as before; newer features are switched on by the
 * release that introduced them. Immutable.
 *
 * @param deduplicationToken every insert carries {@code insert_deduplication_token} (22.2 and later, unless switched off)
 * @param asyncInsertOff     every insert sends {@code async_insert=0} (the setting exists from 21.11 on)
 * @param compressRequests   insert bodies are sent LZ4-compressed ({@code decompress=1})
 */
public record InsertFeatures(boolean deduplicationToken, boolean asyncInsertOff, boolean compressRequests) {
    /** {@code async_insert} came with 21.11 (ClickHouse PR 27537); an older server refuses an unknown setting. */
    public static final ServerVersion ASYNC_INSERT_SINCE = ServerVersion.parse("21.11");
    /** {@code insert_deduplication_token} came with 22.2 (ClickHouse's 22.2 release notes, "Custom deduplication token"). */
    public static final ServerVersion DEDUPLICATION_TOKEN_SINCE = ServerVersion.parse("22.2");
    /**
     * The oldest release {@code --clickhouse-compression auto} compresses for: the one from which the other newer
     * insert features are used. Older releases are treated like 18.16, the one old server the consumer is tested
     * against, whose HTTP compression is broken for answers.
     */
    public static final ServerVersion CURRENT = DEDUPLICATION_TOKEN_SINCE;
    /**
     * How many recent blocks a plain MergeTree made by {@code --create-table} remembers for deduplication. A repeated
     * insert comes from a retry of a batch still held in memory, at most minutes after its first attempt; 10,000 is
     * ClickHouse's own {@code replicated_deduplication_window} since 25.9, the window replicated tables get for the
     * same purpose. It costs one short line per block in the table's deduplication log.
     */
    public static final int NON_REPLICATED_DEDUPLICATION_WINDOW = 10_000;

    /** The features the consumer uses on a server of this version. */
    public static InsertFeatures forServer(
            ServerVersion version, RequestCompression compression, boolean deduplicationTokens) {
        boolean current = version.compareTo(CURRENT) >= 0;
        boolean compress = switch (compression) {
            case AUTO -> current;
            case NONE -> false;
            case LZ4 -> true;
        };
        return new InsertFeatures(
                deduplicationTokens && version.compareTo(DEDUPLICATION_TOKEN_SINCE) >= 0,
                version.compareTo(ASYNC_INSERT_SINCE) >= 0,
                compress);
    }

    /**
     * The server settings of one INSERT.
     *
     * @param token   the insert's deduplication token, sent where the server has the setting
     * @param maxRows the rows the insert holds at most: the server forms one block of them, so the insert is all or nothing
     */
    public Map<String, String> serverSettings(String token, int maxRows) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_insert_block_size", Integer.toString(Math.max(maxRows, 1) + 1));
        if (asyncInsertOff) {
            // Current servers insert asynchronously by default (26.2 on): rows wait in a server-side queue, are flushed
            // with other queries' rows, and stay queued when the waiting INSERT is killed. The insert fence and the
            // one-block-per-batch rule need an INSERT whose rows are in the table, or not, when it ends.
            settings.put("async_insert", "0");
        }
        if (deduplicationToken) {
            settings.put("insert_deduplication_token", token);
        }
        return settings;
    }

    /**
     * The {@code SETTINGS} clause body {@code --create-table} adds, empty for none: a plain MergeTree ignores the
     * deduplication token unless it keeps a deduplication window.
     */
    public String tableSettings() {
        return deduplicationToken ? "non_replicated_deduplication_window = " + NON_REPLICATED_DEDUPLICATION_WINDOW : "";
    }

    /** One line for the start-up log. */
    public String describe() {
        return "deduplication token " + (deduplicationToken ? "on" : "off") + ", async_insert "
                + (asyncInsertOff ? "off" : "not sent") + ", request bodies "
                + (compressRequests ? "LZ4-compressed" : "uncompressed");
    }
}
