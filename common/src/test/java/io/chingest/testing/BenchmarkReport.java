package io.chingest.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run in the form every ch-ingest benchmark prints them: rows per second of a baseline
 * measured in the same run, then of each measured path with its ratio to that baseline. Not thread-safe: one per run.
 */
public final class BenchmarkReport {
    private final String title;
    private Line baseline;
    private final List<Line> measured = new ArrayList<>();

    /** @param title what was run and on what input, printed as the first line */
    public BenchmarkReport(String title) {
        this.title = title;
    }

    /** Records the baseline; every ratio is against it, so it comes first. */
    public BenchmarkReport baseline(String what, long rows, Duration elapsed) {
        return baseline(what, rows, elapsed, "");
    }

    /** Records the baseline with a note printed after its time (its CPU, ...); an empty note prints nothing. */
    public BenchmarkReport baseline(String what, long rows, Duration elapsed, String note) {
        if (baseline != null) {
            throw new IllegalStateException("the baseline is already '" + baseline.what + "'");
        }
        baseline = new Line(what, rows, elapsed, note);
        return this;
    }

    /** Records a measured path, compared with the baseline. */
    public BenchmarkReport measured(String what, long rows, Duration elapsed) {
        return measured(what, rows, elapsed, "");
    }

    /**
     * Records a measured path, compared with the baseline, with a note printed after its ratio (a second ratio,
     * memory, ...); an empty note prints nothing.
     */
    public BenchmarkReport measured(String what, long rows, Duration elapsed, String note) {
        if (baseline == null) {
            throw new IllegalStateException("measure the baseline before '" + what + "'");
        }
        measured.add(new Line(what, rows, elapsed, note));
        return this;
    }

    /** Rows per second of the baseline. */
    public double baselineRowsPerSecond() {
        if (baseline == null) {
            throw new IllegalStateException("no baseline was measured");
        }
        return baseline.rowsPerSecond();
    }

    /** The title, then one line per path: role, what, rows/s, seconds, and the ratio for measured paths. */
    public String format() {
        if (baseline == null) {
            throw new IllegalStateException("no baseline was measured");
        }
        int width = baseline.what.length();
        for (Line line : measured) {
            width = Math.max(width, line.what.length());
        }
        StringBuilder text = new StringBuilder(title).append('\n');
        text.append(baseline.format("baseline", width))
                .append(baseline.note.isEmpty() ? "" : "  " + baseline.note)
                .append('\n');
        for (Line line : measured) {
            text.append(line.format("measured", width))
                    .append(String.format(Locale.ROOT, "  ratio %.2f", line.rowsPerSecond() / baseline.rowsPerSecond()))
                    .append(line.note.isEmpty() ? "" : "  " + line.note)
                    .append('\n');
        }
        return text.toString();
    }

    private static final class Line {
        final String what;
        final long rows;
        final Duration elapsed;
        final String note;

        Line(String what, long rows, Duration elapsed, String note) {
            if (rows < 1) {
                throw new IllegalArgumentException("'" + what + "': rows must be at least 1, was " + rows);
            }
            if (elapsed.isNegative() || elapsed.isZero()) {
                throw new IllegalArgumentException("'" + what + "': elapsed time must be positive, was " + elapsed);
            }
            this.what = what;
            this.rows = rows;
            this.elapsed = elapsed;
            this.note = note;
        }

        double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }

        String format(String role, int width) {
            return String.format(
                    Locale.ROOT,
                    "  %-8s  %-" + width + "s  %9d rows/s  %10d rows  %7.2f s",
                    role,
                    what,
                    Math.round(rowsPerSecond()),
                    rows,
                    elapsed.toNanos() / 1e9);
        }
    }
}
