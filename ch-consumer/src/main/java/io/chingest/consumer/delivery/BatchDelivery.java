package io.chingest.consumer.delivery;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.insert.BatchInserter;
import io.chingest.consumer.insert.InsertFailedException;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The exactly-once rules, run on insert workers. A batch is one contiguous offset range of one partition, and a
 * partition has at most one insert in flight, so a table with provenance columns holds, per partition, every offset up
 * to some highest one and none after it. Hence:
 * <ul>
 *   <li>a newly assigned partition first ends any insert of it still running ({@link InsertFence}), then reads
 *       the highest offset the table holds: reading resumes after it, whatever was committed (offsets of an earlier
 *       incarnation of the topic are never used: the {@link TableOffsets} given refuse them);</li>
 *   <li>a batch whose earlier attempt failed is checked the same way before it is sent again: if the failed attempt put
 *       its rows in the table after all (a time-out the server completed), it is not sent again.</li>
 * </ul>
 * On a table without provenance columns nothing can be checked: recovery finds nothing and retries resend (at least once).
 * Thread-safe.
 */
public final class BatchDelivery {
    private final BatchInserter inserter;
    private final TargetTable table;
    private final TableOffsets offsets;
    private final InsertFence fence;

    public BatchDelivery(BatchInserter inserter, TargetTable table, TableOffsets offsets, InsertFence fence) {
        this.inserter = inserter;
        this.table = table;
        this.offsets = offsets;
        this.fence = fence;
    }

    /** Inserts a batch; with {@code afterFailure}, first checks whether an earlier attempt already inserted it. */
    public DeliveryOutcome insert(Batch batch, long epoch, boolean afterFailure) {
        try {
            boolean exactlyOnce = exactlyOnce();
            if (exactlyOnce) {
                // Rows written with offsets must be known to be of the topic's current incarnation (checked once).
                offsets.checkIncarnation();
            }
            if (afterFailure && exactlyOnce) {
                fence.fence(batch.partition());
                long present =
                        offsets.rowsBetween(batch.partition().partition(), batch.firstOffset(), batch.lastOffset());
                if (present == batch.rows()) {
                    return new DeliveryOutcome.Inserted(batch, epoch, true);
                }
                if (present != 0) {
                    return new DeliveryOutcome.InsertFailed(
                            batch,
                            epoch,
                            "table " + table.name() + " holds " + present + " of the "
                                    + batch.rows() + " rows of " + batch
                                    + "; an insert is all or nothing, so the table was changed by"
                                    + " something else",
                            true);
                }
            }
            inserter.insert(batch);
            return new DeliveryOutcome.Inserted(batch, epoch, false);
        } catch (InsertFailedException e) {
            return new DeliveryOutcome.InsertFailed(batch, epoch, e.getMessage(), e.isPermanent());
        } catch (ClickHouseUnavailableException | ClickHouseQueryException e) {
            return new DeliveryOutcome.InsertFailed(
                    batch,
                    epoch,
                    "checking whether " + batch + " is in table " + table.name() + " failed: " + e.getMessage(),
                    false);
        } catch (TableSetupException | IncarnationRefusedException e) {
            return new DeliveryOutcome.InsertFailed(batch, epoch, e.getMessage(), true);
        }
    }

    /** Finds where a newly assigned partition's rows end in the table, looking from the committed offset on. */
    public DeliveryOutcome recover(TopicPartition partition, long epoch, long committedOffset) {
        try {
            if (!exactlyOnce()) {
                return new DeliveryOutcome.Recovered(partition, epoch, OptionalLong.empty());
            }
            fence.fence(partition);
            return new DeliveryOutcome.Recovered(
                    partition, epoch, offsets.highestFrom(partition.partition(), committedOffset));
        } catch (IncarnationRefusedException e) {
            return new DeliveryOutcome.RecoveryRefused(partition, epoch, e.getMessage());
        } catch (ClickHouseUnavailableException | ClickHouseQueryException | TableSetupException | KafkaException e) {
            return new DeliveryOutcome.RecoveryFailed(
                    partition,
                    epoch,
                    "reading the offsets of " + partition + " in table " + table.name() + " failed: " + e.getMessage());
        }
    }

    private boolean exactlyOnce() {
        Optional<Boolean> provenance = table.hasProvenanceColumns();
        return provenance.orElse(false);
    }
}
