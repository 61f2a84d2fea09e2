package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TableName;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Whether a table's provenance offsets may be used for the current incarnation of a topic, from the incarnations the
 * ledger recorded for the table and the topic's current id. Topic ids never come back, so offsets are the current
 * incarnation's when its id is recorded, or when the table holds no rows of the topic at all (nothing to skip).
 * Pure: the rows are counted only when the answer depends on them. Immutable.
 */
public sealed interface IncarnationDecision {

    /** The current incarnation is recorded: the offsets are its own. */
    record Same() implements IncarnationDecision {}

    /** Record the current incarnation, then go on; {@code reason} is the line to log. */
    record RecordCurrent(String reason) implements IncarnationDecision {}

    /** The table holds rows of an earlier incarnation: stop; {@code message} says what and what to do. */
    record Refuse(String message) implements IncarnationDecision {}

    static IncarnationDecision decide(
            TableName table,
            String topic,
            String currentId,
            List<RecordedIncarnation> recorded,
            String ledger,
            LongSupplier rowsOfTopic) {
        if (recorded.stream().anyMatch(entry -> entry.topicId().equals(currentId))) {
            return new Same();
        }
        long rows = rowsOfTopic.getAsLong();
        if (rows == 0) {
            return new RecordCurrent(
                    recorded.isEmpty()
                            ? "recording in " + ledger + " that table " + table + " holds topic " + topic
                                    + " of topic id " + currentId
                            : "table " + table + " holds no rows of topic " + topic + " of its earlier topic id "
                                    + latest(recorded).topicId() + ": recording in " + ledger
                                    + " that it now holds topic id " + currentId);
        }
        if (recorded.isEmpty()) {
            return new RecordCurrent("table " + table + " holds " + rows + " rows of topic " + topic
                    + " written before " + ledger + " existed: taking them as rows of the topic's current"
                    + " incarnation, topic id " + currentId + ", and recording it");
        }
        RecordedIncarnation earlier = latest(recorded);
        return new Refuse("table " + table + " holds " + rows + " rows of an earlier incarnation of topic " + topic
                + " (topic id " + earlier.topicId() + ", first seen " + earlier.firstSeen() + "), but the topic now"
                + " has topic id " + currentId + ": it was deleted and created again and its offsets started again"
                + " at 0, so the offsets in the table would skip records of the new topic; nothing was inserted or committed. Delete"
                + " those rows (" + deleteSql(table, topic) + ", then wait until system.mutations shows it done) and"
                + " run again, which records the new incarnation; or load the topic into another table");
    }

    /** The statement that deletes a topic's rows (a mutation, which ClickHouse has since 1.1.54388; 18.16 has it). */
    static String deleteSql(TableName table, String topic) {
        return "ALTER TABLE " + table.sql() + " DELETE WHERE " + ProvenanceColumns.TOPIC + " = "
                + TableName.literal(topic);
    }

    private static RecordedIncarnation latest(List<RecordedIncarnation> recorded) {
        return recorded.get(recorded.size() - 1);
    }
}
