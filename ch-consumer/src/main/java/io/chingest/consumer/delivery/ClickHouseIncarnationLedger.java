package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TabSeparated;
import io.chingest.consumer.clickhouse.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger of topic incarnations in ClickHouse: table {@value #TABLE} in the target table's database, one row per
 * table, topic and topic id, with the time it was first seen. ReplacingMergeTree keyed by all three, so that the same
 * entry recorded by two consumers at once is merged into one (reads group by topic id and need not wait for that).
 * Works on 18.16 and current servers. Thread-safe (the connection is).
 */
public final class ClickHouseIncarnationLedger implements IncarnationLedger {
    /** The ledger's table name, in the target table's database. */
    public static final String TABLE = "_chingest_topic_incarnations";

    private final ClickHouseConnection clickHouse;
    private final TableName table;
    private final String topic;
    private final TableName ledger;

    public ClickHouseIncarnationLedger(ClickHouseConnection clickHouse, TableName table, String topic) {
        this.clickHouse = clickHouse;
        this.table = table;
        this.topic = topic;
        this.ledger = new TableName(table.database(), TABLE);
    }

    @Override
    public String location() {
        return ledger.toString();
    }

    /** The statement that creates the ledger table; {@code IF NOT EXISTS}, so running it again changes nothing. */
    public static String createSql(TableName ledger) {
        return "CREATE TABLE IF NOT EXISTS " + ledger.sql()
                + " (table_name String, topic String, topic_id String, first_seen DateTime)"
                + " ENGINE = ReplacingMergeTree() ORDER BY (table_name, topic, topic_id)";
    }

    @Override
    public void createIfMissing() {
        String sql = createSql(ledger);
        try {
            clickHouse.execute(sql);
        } catch (ClickHouseQueryException e) {
            throw new IncarnationRefusedException(
                    "cannot create " + ledger + ", which records which incarnation of topic " + topic
                            + " the offsets in table " + table + " belong to (" + e.getMessage()
                            + "); create it once as a user who may: " + sql,
                    e);
        }
    }

    @Override
    public List<RecordedIncarnation> recorded() {
        String answer;
        try {
            answer = clickHouse.queryText("SELECT topic_id, toString(min(first_seen)) FROM " + ledger.sql()
                    + " WHERE table_name = " + TableName.literal(table.table()) + " AND topic = "
                    + TableName.literal(topic) + " GROUP BY topic_id ORDER BY min(first_seen), topic_id"
                    + " FORMAT TabSeparated");
        } catch (ClickHouseQueryException e) {
            // Asked rather than read from the error: 18.16 sends no error code header, so the code is not always known.
            if (!exists()) {
                return List.of();
            }
            throw e;
        }
        List<RecordedIncarnation> recorded = new ArrayList<>();
        for (List<String> row : TabSeparated.rows(answer)) {
            recorded.add(new RecordedIncarnation(row.get(0), row.get(1)));
        }
        return recorded;
    }

    private boolean exists() {
        return clickHouse
                .queryText("EXISTS TABLE " + ledger.sql() + " FORMAT TabSeparated")
                .strip()
                .equals("1");
    }

    @Override
    public void record(String topicId) {
        clickHouse.execute("INSERT INTO " + ledger.sql() + " (table_name, topic, topic_id, first_seen) VALUES ("
                + TableName.literal(table.table()) + ", " + TableName.literal(topic) + ", "
                + TableName.literal(topicId) + ", now())");
    }

    @Override
    public long rowsOfTopic() {
        String answer = clickHouse.queryText("SELECT count() FROM " + table.sql() + " WHERE " + ProvenanceColumns.TOPIC
                + " = " + TableName.literal(topic) + " FORMAT TabSeparated");
        return Long.parseLong(answer.strip());
    }
}
