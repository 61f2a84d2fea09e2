package io.chingest.producer.feedback;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal: one bar per file (me.tongfei progressbar), measured in MiB of the file as stored, with the
 * byte rate and ETA the library computes and the rows and rows/s as its message. The library redraws from a thread
 * of its own; this class is called by the pipeline's thread.
 */
public final class ProgressBarDisplay implements SendProgress {

    private static final long MIB = 1024 * 1024;

    private final Supplier<ProgressBarConsumer> consumers;
    private final LongSupplier nanoClock;
    private ProgressBar bar;
    private long startNanos;

    /** @param consumers where each file's bar is drawn ({@code ConsoleProgressBarConsumer} on standard error) */
    public ProgressBarDisplay(Supplier<ProgressBarConsumer> consumers, LongSupplier nanoClock) {
        this.consumers = consumers;
        this.nanoClock = nanoClock;
    }

    @Override
    public void fileStarted(Path file, long sizeBytes) {
        fileEnded();
        startNanos = nanoClock.getAsLong();
        bar = new ProgressBarBuilder()
                .setTaskName(file.getFileName().toString())
                .setInitialMax(sizeBytes)
                .setUnit("MiB", MIB)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(consumers.get())
                .build();
    }

    @Override
    public void advanced(long rows, long bytes) {
        if (bar == null) {
            return;
        }
        double seconds = Math.max(nanoClock.getAsLong() - startNanos, 1) / 1e9;
        bar.stepTo(bytes);
        // the library prints the message right after the byte rate: the space keeps them apart
        bar.setExtraMessage(String.format(Locale.ROOT, " %d rows, %d rows/s", rows, Math.round(rows / seconds)));
    }

    @Override
    public void fileEnded() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        fileEnded();
    }
}
