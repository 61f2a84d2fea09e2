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

    @Test
    void anOpenLastRowCountsAsSentOnlyWhereALineBreakOrTheEndFollowsItInTheNewFile()
            throws IOException, NoSuchAlgorithmException {
        byte[] first = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
        byte[] last = "2,b".getBytes(StandardCharsets.UTF_8);
        RowPrefix sent =
                new RowPrefix(1, first.length, sha256(first), new RowPrefix.OpenRow(last.length, sha256(last)));
        Path grown = Files.writeString(dir.resolve("grown.csv"), "id,name\n1,a\n2,b\n3,c\n");
        Path crlf = Files.writeString(dir.resolve("crlf.csv"), "id,name\n1,a\n2,b\r\n3,c\r\n");
        Path same = dir.resolve("same.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(same))) {
            out.write("id,name\n1,a\n2,b".getBytes(StandardCharsets.UTF_8));
        }
        Path continued = Files.writeString(dir.resolve("continued.csv"), "id,name\n1,a\n2,bcd\n3,c\n");
        Path otherLast = Files.writeString(dir.resolve("other.csv"), "id,name\n1,a\n2,x\n");
        Path cutShorter = Files.writeString(dir.resolve("cut.csv"), "id,name\n1,a\n2,");

        byte[] throughSecond = "id,name\n1,a\n2,b".getBytes(StandardCharsets.UTF_8);
        RowPrefix both = new RowPrefix(2, throughSecond.length, sha256(throughSecond));
        RowPrefix firstOnly = new RowPrefix(1, first.length, sha256(first));
        assertThat(FileBeginning.commonPrefix(grown, sent)).isEqualTo(both);
        assertThat(FileBeginning.commonPrefix(crlf, sent)).isEqualTo(both);
        assertThat(FileBeginning.commonPrefix(same, sent)).isEqualTo(both);
        assertThat(FileBeginning.commonPrefix(continued, sent)).isEqualTo(firstOnly);
        assertThat(FileBeginning.commonPrefix(otherLast, sent)).isEqualTo(firstOnly);
        assertThat(FileBeginning.commonPrefix(cutShorter, sent)).isEqualTo(firstOnly);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private ResumePoint decide(String topicId, ProgressLookup found, boolean sameBeginning) throws IOException {
        return ResumePoint.decide(FILE, "orders", topicId, found, prefix -> {
            checked.add(prefix);
            return sameBeginning ? prefix : null;
        });
    }

    private static FileProgress sameName(String topicId) {
        return new FileProgress(4000, false, "old/orders.csv.gz", "h2", topicId, PREFIX);
    }
}
