package io.chingest.consumer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The reason of a dead letter, the same for every record that failed alike. */
class DeadLetterLogTest {

    @Test
    void theReasonIsTheMessageWithoutTheRecordsCoordinates() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 2, 41L, null, new byte[0]);

        assertThat(DeadLetterLog.reasonOf(
                        "bad payload at topic orders partition 2 offset 41: magic byte 0x07, expected 0x00", record))
                .isEqualTo("bad payload: magic byte 0x07, expected 0x00");
        assertThat(DeadLetterLog.reasonOf(
                        "unknown schema id 99 at topic orders partition 2 offset 41: GET http://r/schemas/ids/99"
                                + " answered HTTP 404 (error_code 40403): Schema 99 not found",
                        record))
                .isEqualTo("unknown schema id 99: GET http://r/schemas/ids/99 answered HTTP 404 (error_code 40403):"
                        + " Schema 99 not found");
        assertThat(DeadLetterLog.reasonOf(
                        "record at topic orders partition 2 offset 41 does not fit table db.t: too long", record))
                .isEqualTo("record does not fit table db.t: too long");
    }
}
