package io.chingest.producer.feedback;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/** How {@code send} shows its progress ({@code --progress}). Immutable. */
public enum ProgressMode {
    /** A bar when the program runs on a terminal, else log lines. */
    AUTO,
    /** A bar per file on standard error. */
    BAR,
    /** A line every {@link #LOG_INTERVAL} on standard error. */
    LOG,
    /** Nothing but the summary. */
    NONE;

    /** Between two progress lines in {@link #LOG} mode. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    /** The display for this mode; {@code onTerminal} decides {@link #AUTO}. */
    public SendProgress display(boolean onTerminal, PrintStream terminal, PrintWriter log) {
        ProgressMode mode = this == AUTO ? (onTerminal ? BAR : LOG) : this;
        return switch (mode) {
            case BAR -> new ProgressBarDisplay(() -> new ConsoleProgressBarConsumer(terminal), System::nanoTime);
            case LOG -> new ProgressLogLines(log, LOG_INTERVAL, System::nanoTime);
            default -> SendProgress.NONE;
        };
    }
}
