package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.TabSeparated;
import io.chingest.consumer.insert.InsertQueryIds;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every insert of a partition that may still be running in ClickHouse (an attempt whose client timed out or was
 * killed, from this member or an earlier owner of the partition) before the table is asked what it holds: a server
 * that was hung finishes such inserts when it resumes, and an answer read before they end would be stale.
 * {@code KILL QUERY ... SYNC} waits until each has ended, killed or complete; then {@code system.processes} must show
 * none. When the user may not kill queries the fence is skipped with one warning. Thread-safe.
 */
public final class RunningInsertFence implements InsertFence {
    private static final Logger LOG = LoggerFactory.getLogger(RunningInsertFence.class);
    private static final int MAX_ROUNDS = 5;

    private final ClickHouseConnection clickHouse;
    private final InsertQueryIds queryIds;
    private final AtomicBoolean refused = new AtomicBoolean();

    public RunningInsertFence(ClickHouseConnection clickHouse, InsertQueryIds queryIds) {
        this.clickHouse = clickHouse;
        this.queryIds = queryIds;
    }

    @Override
    public void fence(TopicPartition partition) {
        if (refused.get()) {
            return;
        }
        String match = "query_id LIKE '" + queryIds.prefix(partition) + "%'";
        for (int round = 0; round < MAX_ROUNDS; round++) {
            try {
                clickHouse.execute("KILL QUERY WHERE " + match + " SYNC FORMAT TabSeparated");
            } catch (ClickHouseQueryException e) {
                if (refused.compareAndSet(false, true)) {
                    LOG.warn(
                            "ClickHouse refused KILL QUERY ({}); an insert a hung server completes late can then be inserted twice",
                            e.getMessage());
                }
                return;
            }
            String running = TabSeparated.rows(clickHouse.queryText(
                            "SELECT count() FROM system.processes WHERE " + match + " FORMAT TabSeparated"))
                    .get(0)
                    .get(0);
            if (running.equals("0")) {
                return;
            }
        }
        throw new ClickHouseUnavailableException(
                "inserts of " + partition + " are still running in ClickHouse at " + clickHouse.url() + " after "
                        + MAX_ROUNDS + " attempts to end them",
                null);
    }
}
