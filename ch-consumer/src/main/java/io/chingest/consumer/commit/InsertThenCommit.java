package io.chingest.consumer.commit;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.buffer.BatchSink;
import io.chingest.consumer.insert.BatchInserter;
import io.chingest.consumer.insert.InsertFailedException;
import io.chingest.consumer.metrics.ConsumerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the flow for one batch: insert it, and only when ClickHouse accepted it commit the offset after its last
 * record. A failed insert commits nothing and reports the batch for a retry. Not thread-safe: used by the polling thread.
 */
public final class InsertThenCommit implements BatchSink {
    private static final Logger LOG = LoggerFactory.getLogger(InsertThenCommit.class);

    private final BatchInserter inserter;
    private final OffsetCommitter committer;
    private final ConsumerMetrics metrics;

    public InsertThenCommit(BatchInserter inserter, OffsetCommitter committer, ConsumerMetrics metrics) {
        this.inserter = inserter;
        this.committer = committer;
        this.metrics = metrics;
    }

    @Override
    public boolean write(Batch batch) {
        try {
            inserter.insert(batch);
        } catch (InsertFailedException e) {
            metrics.insertFailed();
            LOG.warn("{}; nothing committed, the batch will be inserted again", e.getMessage());
            return false;
        }
        metrics.batchInserted(batch.rows(), batch.bytes());
        LOG.debug("inserted {}", batch);
        committer.commit(batch.partition(), batch.lastOffset() + 1);
        return true;
    }
}
