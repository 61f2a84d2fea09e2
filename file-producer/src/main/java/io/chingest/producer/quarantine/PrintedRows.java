package io.chingest.producer.quarantine;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Prints rejected rows as {@code file:line: column C: reason (value "...")} lines, at most a number per input file
 * (then one line saying the rest is in the rejects file), so a file of many bad rows cannot flood a terminal. Used by
 * the pipeline's thread only.
 */
public final class PrintedRows implements RejectedRowSink {

    private final PrintWriter out;
    private final long maxPerFile;
    private Path currentFile;
    private long printedOfFile;

    /** @param maxPerFile rows printed per input file; {@link Long#MAX_VALUE} for all */
    public PrintedRows(PrintWriter out, long maxPerFile) {
        this.out = out;
        this.maxPerFile = maxPerFile;
    }

    @Override
    public void accept(RejectedRow row) {
        if (!row.file().equals(currentFile)) {
            currentFile = row.file();
            printedOfFile = 0;
        }
        printedOfFile++;
        if (printedOfFile <= maxPerFile) {
            out.println(row.describe());
        } else if (printedOfFile == maxPerFile + 1) {
            out.println(row.file() + ": more bad rows are not shown here; see the rejects file");
        }
    }

    @Override
    public void close() {
        out.flush();
    }
}
