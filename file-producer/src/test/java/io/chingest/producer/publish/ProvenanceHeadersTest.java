package io.chingest.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.producer.progress.FileIdentity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ProvenanceHeadersTest {

    private static final FileIdentity FILE =
            new FileIdentity("00ff102030405060708090a0b0c0d0e0f00112233445566778899aabbccddeef");

    @Test
    void aRecordCarriesTheRawFileIdAndItsLineAsEightBigEndianBytes() {
        Header[] headers = new ProvenanceHeaders(FILE).of(0x0102030405L);

        assertThat(headers).extracting(Header::key).containsExactly("chingest.file.id", "chingest.line");
        assertThat(headers[0].value()).hasSize(32).startsWith((byte) 0x00, (byte) 0xff, (byte) 0x10);
        assertThat(headers[1].value()).containsExactly(0, 0, 0, 1, 2, 3, 4, 5);
    }

    @Test
    void theFileIdAndLineReadBackFromARecordsHeaders() {
        RecordHeaders headers = new RecordHeaders(List.of(new ProvenanceHeaders(FILE).of(Long.MAX_VALUE)));

        assertThat(ProvenanceHeaders.fileId(headers)).isEqualTo(FILE.sha256());
        assertThat(ProvenanceHeaders.line(headers)).hasValue(Long.MAX_VALUE);
    }

    @Test
    void headersThatAreMissingOrNotInThisFormatReadAsAbsent() {
        RecordHeaders none = new RecordHeaders();
        RecordHeaders text = new RecordHeaders(new Header[] {
            new RecordHeader("chingest.file.id", FILE.sha256().getBytes(StandardCharsets.UTF_8)),
            new RecordHeader("chingest.line", "42".getBytes(StandardCharsets.UTF_8))
        });

        assertThat(ProvenanceHeaders.fileId(none)).isNull();
        assertThat(ProvenanceHeaders.line(none)).isEmpty();
        assertThat(ProvenanceHeaders.fileId(text)).isNull();
        assertThat(ProvenanceHeaders.line(text)).isEmpty();
    }

    @Test
    void eachRecordGetsItsOwnLineHeader() {
        ProvenanceHeaders provenance = new ProvenanceHeaders(FILE);

        Header[] first = provenance.of(2);
        Header[] second = provenance.of(3);

        assertThat(ProvenanceHeaders.line(new RecordHeaders(first))).hasValue(2);
        assertThat(ProvenanceHeaders.line(new RecordHeaders(second))).hasValue(3);
    }
}
