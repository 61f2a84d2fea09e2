package io.chingest.producer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.producer.parse.RowPrefix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePointTest {

    private static final Path FILE = Path.of("in/orders.csv.gz");
    private static final RowPrefix PREFIX = new RowPrefix(4000, 1_234_567, "ab".repeat(32));

    @TempDir
    Path dir;

    private final List<RowPrefix> checked = new ArrayList<>();

    @Test
    void theFilesOwnProgressOfTheCurrentTopicCountsAndNoOtherFileIsLookedAt() throws IOException {
        FileProgress own = new FileProgress(20000, true, FILE.toString(), "h", "id-1", null);

        ResumePoint point = decide("id-1", new ProgressLookup(own, sameName("id-1")), true);

        assertThat(point).isEqualTo(ResumePoint.of(own));
        assertThat(checked).isEmpty();
    }

    @Test
    void progressOfAnEarlierVersionWithoutTopicIdCountsForTheTopicAsItIs() throws IOException {
        FileProgress own = new FileProgress(20000, true, FILE.toString(), "h");

        assertThat(decide("id-2", new ProgressLookup(own, null), true)).isEqualTo(ResumePoint.of(own));
    }

    @Test
    void progressOfAnotherIncarnationOfTheTopicSendsTheFileAgainInFullAndSaysSo() throws IOException {
        FileProgress own = new FileProgress(20000, true, FILE.toString(), "h", "id-1", null);

        ResumePoint point = decide("id-2", new ProgressLookup(own, null), true);

        assertThat(point.progress()).isEqualTo(FileProgress.NONE);
        assertThat(point.note()).isNull();
        assertThat(point.warnings())
                .containsExactly("topic 'orders' was created again since " + FILE
                        + " was sent (topic id id-1, now id-2): sending it again");
    }

    @Test
    void aNewFileThatBeginsLikeAnotherOfItsNameResumesAfterThatFilesPrefix() throws IOException {
        ResumePoint point = decide("id-1", new ProgressLookup(FileProgress.NONE, sameName("id-1")), true);

        assertThat(checked).containsExactly(PREFIX);
        assertThat(point.progress())
                .isEqualTo(new FileProgress(4000, false, "old/orders.csv.gz", "h2", "id-1", PREFIX));
        assertThat(point.note())
                .isEqualTo("resumed after 4,000 rows sent earlier from a file with the same first 1,234,567 bytes");
        assertThat(point.warnings()).isEmpty();
    }

    @Test
    void aNewFileThatBeginsDifferentlyIsSentInFullAndSaysWhy() throws IOException {
        ResumePoint point = decide("id-1", new ProgressLookup(FileProgress.NONE, sameName("id-1")), false);

        assertThat(point.progress()).isEqualTo(FileProgress.NONE);
        assertThat(point.warnings())
                .containsExactly(FILE + ": its first 1,234,567 bytes differ from those of the 4,000 rows sent earlier"
                        + " from old/orders.csv.gz: sending it in full");
    }

    @Test
    void aFileOfTheSameNameSentToAnEarlierIncarnationIsNotResumedFrom() throws IOException {
        ResumePoint point = decide("id-2", new ProgressLookup(FileProgress.NONE, sameName("id-1")), true);

        assertThat(point).isEqualTo(ResumePoint.START);
        assertThat(checked).isEmpty();
    }

    @Test
    void theFirstBytesAreComparedUncompressedAndAShorterFileDoesNotBeginWithThePrefix()
            throws IOException, NoSuchAlgorithmException {
        byte[] first = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
        RowPrefix prefix = new RowPrefix(
                1,
                first.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
        Path grown = dir.resolve("grown.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(grown))) {
            out.write("id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        Path changed = Files.writeString(dir.resolve("changed.csv"), "id,name\n1,A\n2,b\n");
        Path shorter = Files.writeString(dir.resolve("shorter.csv"), "id,name\n1,");

        assertThat(FileBeginning.beginsWith(grown, prefix)).isTrue();
        assertThat(FileBeginning.beginsWith(changed, prefix)).isFalse();
        assertThat(FileBeginning.beginsWith(shorter, prefix)).isFalse();
    }

    private ResumePoint decide(String topicId, ProgressLookup found, boolean sameBeginning) throws IOException {
        return ResumePoint.decide(FILE, "orders", topicId, found, prefix -> {
            checked.add(prefix);
            return sameBeginning;
        });
    }

    private static FileProgress sameName(String topicId) {
        return new FileProgress(4000, false, "old/orders.csv.gz", "h2", topicId, PREFIX);
    }
}
