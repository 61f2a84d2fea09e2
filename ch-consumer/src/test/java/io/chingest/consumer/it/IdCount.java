package io.chingest.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Counts every trade id in a table against what was published (partitions x [0, perPartition)): rows lost, rows
 * duplicated, and rows that are not trades of the topic at all. The fault tests' verdict. Immutable.
 */
record IdCount(long rows, long distinct, long expected, long foreign) {

    static IdCount of(String table, int partitions, long perPartition) {
        String answer = IngestFixture.query(
                "SELECT count(), uniqExact(id), countIf(part < 0 OR part >= " + partitions + " OR seq < 0 OR seq >= "
                        + perPartition + " OR id != part * 1000000 + seq) FROM " + table + " FORMAT TabSeparated");
        List<String> fields = List.of(answer.strip().split("\t"));
        return new IdCount(
                Long.parseLong(fields.get(0)),
                Long.parseLong(fields.get(1)),
                partitions * perPartition,
                Long.parseLong(fields.get(2)));
    }

    long lost() {
        return expected - distinct + foreign;
    }

    long duplicated() {
        return rows - distinct;
    }

    void assertExactlyOnce() {
        assertThat(foreign).as("rows that are no published trade").isZero();
        assertThat(lost()).as("lost rows (%s)", this).isZero();
        assertThat(duplicated()).as("duplicated rows (%s)", this).isZero();
    }
}
