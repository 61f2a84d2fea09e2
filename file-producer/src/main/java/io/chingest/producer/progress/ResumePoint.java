package io.chingest.producer.progress;

import io.chingest.producer.parse.RowPrefix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where sending a file starts, decided from what the progress topic holds. The file's own progress counts unless it
 * went to an earlier incarnation of the topic (another topic id): the file is then sent again in full. A file with no
 * progress of its own resumes after the rows committed from another file of the same name (without directory, whatever
 * the host) sent to the same incarnation of the topic when it begins with the same bytes as that file's committed
 * prefix: a repaired copy of a cut file, or a file that grew; otherwise it is sent in full. Immutable.
 *
 * @param progress the rows to skip and whether the file was sent completely
 * @param note     how the rows to skip were found when not by the file's own progress, for its summary; or null
 * @param warnings one line each the user should read before the file is sent
 */
public record ResumePoint(FileProgress progress, String note, List<String> warnings) {

    /** Tells whether the file about to be sent begins with a prefix. */
    @FunctionalInterface
    public interface BeginningCheck {
        /** The rows the file has in common with the prefix ({@link FileBeginning#commonPrefix}), or null. */
        RowPrefix commonPrefix(RowPrefix prefix) throws IOException;
    }

    public static final ResumePoint START = of(FileProgress.NONE);

    public ResumePoint {
        warnings = List.copyOf(warnings);
    }

    /** Resuming by the file's own progress, nothing to say. */
    public static ResumePoint of(FileProgress own) {
        return new ResumePoint(own, null, List.of());
    }

    /**
     * @param topicId the topic's id now, or null when unknown (then every record counts as the current incarnation's)
     * @param beginning checks the file's first bytes; used at most once, for the same-name candidate
     */
    public static ResumePoint decide(
            Path file, String topic, String topicId, ProgressLookup found, BeginningCheck beginning)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        FileProgress own = found.own();
        if (own.sentAny()) {
            if (!own.sentToAnotherIncarnation(topicId)) {
                return of(own);
            }
            warnings.add("topic '" + topic + "' was created again since " + file + " was sent (topic id "
                    + own.topicId() + ", now " + topicId + "): sending it again");
        }
        FileProgress other = found.sameName();
        if (other == null
                || other.sentToAnotherIncarnation(topicId)
                || other.prefix().rows() == 0) {
            return new ResumePoint(FileProgress.NONE, null, warnings);
        }
        RowPrefix prefix = other.prefix();
        RowPrefix common = beginning.commonPrefix(prefix);
        if (common != null) {
            return new ResumePoint(
                    new FileProgress(common.rows(), false, other.name(), other.host(), other.topicId(), common),
                    String.format(
                            Locale.ROOT,
                            "resumed after %,d rows sent earlier from a file with the same first %,d bytes",
                            common.rows(),
                            common.bytes()),
                    warnings);
        }
        warnings.add(String.format(
                Locale.ROOT,
                "%s: its first %,d bytes differ from those of the %,d rows sent earlier from %s: sending it in full",
                file,
                prefix.bytes(),
                prefix.rows(),
                other.name()));
        return new ResumePoint(FileProgress.NONE, null, warnings);
    }
}
