package io.chingest.producer.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.producer.parse.RowPrefix;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileProgressTest {

    private static final RowPrefix PREFIX = new RowPrefix(4000, 1_234_567, "ab".repeat(32));

    @Test
    void aRecordWithTopicIdAndPrefixReadsBackAsWritten() {
        FileProgress progress = new FileProgress(4000, false, "in/orders.csv.gz", "host-1", "Zx1-abc_QkW9", PREFIX);

        assertThat(FileProgress.fromJson(progress.toJson())).isEqualTo(progress);
        assertThat(new String(progress.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"rows\":4000,\"complete\":false,\"name\":\"in/orders.csv.gz\",\"host\":\"host-1\","
                        + "\"topicId\":\"Zx1-abc_QkW9\",\"prefix\":{\"rows\":4000,\"bytes\":1234567,\"sha256\":\""
                        + "ab".repeat(32) + "\"}}");
    }

    @Test
    void aPrefixWithAnOpenLastRowReadsBackAsWritten() {
        RowPrefix open = new RowPrefix(4000, 1_234_567, "ab".repeat(32), new RowPrefix.OpenRow(42, "cd".repeat(32)));
        FileProgress progress = new FileProgress(4001, true, "in/orders.csv", "host-1", "Zx1-abc_QkW9", open);

        assertThat(FileProgress.fromJson(progress.toJson())).isEqualTo(progress);
        assertThat(new String(progress.toJson(), StandardCharsets.UTF_8))
                .endsWith("\"prefix\":{\"rows\":4000,\"bytes\":1234567,\"sha256\":\"" + "ab".repeat(32)
                        + "\",\"lastRow\":{\"bytes\":42,\"sha256\":\"" + "cd".repeat(32) + "\"}}}");
    }

    @Test
    void aRecordOfAnEarlierVersionHasNeitherTopicIdNorPrefixAndCountsForEveryIncarnation() {
        FileProgress old = FileProgress.fromJson("{\"rows\":20000,\"complete\":true,\"name\":\"a.csv\",\"host\":\"h\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(old).isEqualTo(new FileProgress(20000, true, "a.csv", "h"));
        assertThat(old.topicId()).isNull();
        assertThat(old.prefix()).isNull();
        assertThat(old.sentToAnotherIncarnation("new-id")).isFalse();
        assertThat(new String(old.toJson(), StandardCharsets.UTF_8)).doesNotContain("topicId", "prefix");
    }

    @Test
    void aPrefixThisVersionCannotUseIsLeftOut() {
        FileProgress progress =
                FileProgress.fromJson("{\"rows\":5,\"complete\":false,\"prefix\":{\"rows\":5,\"bytes\":\"many\"}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(progress.prefix()).isNull();
        assertThatThrownBy(() -> FileProgress.fromJson("{\"complete\":true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherIncarnationIsOnlyOneWithADifferentKnownId() {
        FileProgress sent = new FileProgress(1, true, "a.csv", "h", "id-1", null);

        assertThat(sent.sentToAnotherIncarnation("id-1")).isFalse();
        assertThat(sent.sentToAnotherIncarnation("id-2")).isTrue();
        assertThat(sent.sentToAnotherIncarnation(null)).isFalse();
    }

    @Test
    void theFileNameIsTheRecordedNameWithoutItsDirectory() {
        assertThat(new FileProgress(1, true, "/data/in/orders.csv", "h").fileName())
                .isEqualTo("orders.csv");
        assertThat(new FileProgress(1, true, "C:\\in\\orders.csv", "h").fileName())
                .isEqualTo("orders.csv");
        assertThat(new FileProgress(1, true, "orders.csv", "h").fileName()).isEqualTo("orders.csv");
        assertThat(FileProgress.NONE.fileName()).isNull();
    }
}
