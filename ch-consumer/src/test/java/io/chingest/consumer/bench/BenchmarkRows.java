package io.chingest.consumer.bench;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One row shape the consumer benchmark loads: its Avro schema, the record of each (partition, sequence), the same row
 * as a line of ClickHouse CSV, and the columns of an equivalent table as {@code --create-table} makes it. Ids are
 * unique for any row count. Implementations are stateless.
 */
interface BenchmarkRows {
    /** Short name for topics, tables and the report. */
    String name();

    Schema schema();

    /** The unique {@code id} column of the row of (partition, seq). */
    static long id(int partitions, int partition, long seq) {
        return seq * partitions + partition;
    }

    GenericRecord record(long id, int partition, long seq);

    /** Appends the row as one line of CSV ClickHouse reads into {@link #columns()}, newline included. */
    void appendCsv(StringBuilder line, long id, int partition, long seq);

    /** The column list of the table, {@code (name Type, ...)}, in the types ch-consumer's mapping gives the schema. */
    String columns();

    /** Appends a CSV string field: quoted, quotes doubled (ClickHouse reads backslashes in it literally). */
    static void appendQuoted(StringBuilder line, String value) {
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
