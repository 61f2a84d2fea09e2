package io.chingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The resident memory of a running process as Linux reports it in {@code /proc/<pid>/status}: {@code VmRSS} now and
 * {@code VmHWM}, the peak so far. A {@link Sampler} reads both on a thread of its own until closed, so that the peak
 * is known once the process has exited and its status file is gone. Stateless; samplers are thread-safe.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** The process's peak resident set ({@code VmHWM}) in bytes, or empty once it is gone (or not on Linux). */
    public static OptionalLong peakResidentBytes(long pid) {
        return field(pid, "VmHWM");
    }

    /** The process's resident set now ({@code VmRSS}) in bytes, or empty once it is gone (or not on Linux). */
    public static OptionalLong residentBytes(long pid) {
        return field(pid, "VmRSS");
    }

    /** {@code bytes} in whole mebibytes for a report: {@code "183 MiB"}. */
    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Starts sampling {@code pid} every {@code interval}; close the sampler after the process exited. */
    public static Sampler sample(long pid, Duration interval) {
        return new Sampler(pid, interval);
    }

    private static OptionalLong field(long pid, String name) {
        return bytesField(status(pid), name);
    }

    /** The process's status text, or empty once it is gone. */
    private static String status(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static OptionalLong bytesField(String status, String name) {
        OptionalLong kilobytes = kilobytesField(status, name);
        return kilobytes.isPresent() ? OptionalLong.of(kilobytes.getAsLong() * 1024) : OptionalLong.empty();
    }

    /** The value of a {@code Name:   1234 kB} line of a status text, in kilobytes as written. */
    static OptionalLong kilobytesField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim();
                if (!value.endsWith(" kB")) {
                    throw new IllegalArgumentException("unexpected unit in /proc status line '" + line + "'");
                }
                return OptionalLong.of(
                        Long.parseLong(value.substring(0, value.length() - 3).trim()));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Keeps the highest {@code VmHWM} and {@code VmRSS} read from one process while it runs, and its CPU time at the
     * last sample ({@link ProcessCpu}), which is gone with the process too. Thread-safe.
     */
    public static final class Sampler implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile boolean closed;
        private volatile long peakBytes;
        private volatile long highestResidentBytes;
        private volatile int samples;
        private volatile long cpuNanos;

        private Sampler(long pid, Duration interval) {
            this.pid = pid;
            this.thread = new Thread(
                    () -> {
                        while (!closed) {
                            read();
                            try {
                                Thread.sleep(interval.toMillis());
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "memory-of-" + pid);
            thread.setDaemon(true);
            read();
            thread.start();
        }

        private synchronized void read() {
            String status = status(pid);
            OptionalLong peak = bytesField(status, "VmHWM");
            OptionalLong resident = bytesField(status, "VmRSS");
            if (peak.isPresent()) {
                peakBytes = Math.max(peakBytes, peak.getAsLong());
                samples++;
            }
            if (resident.isPresent()) {
                highestResidentBytes = Math.max(highestResidentBytes, resident.getAsLong());
            }
            OptionalLong cpu = ProcessCpu.cpuNanos(pid);
            if (cpu.isPresent()) {
                cpuNanos = cpu.getAsLong();
            }
        }

        /** The highest {@code VmHWM} read: the peak resident set up to the last sample, in bytes. */
        public long peakBytes() {
            return peakBytes;
        }

        /** The highest {@code VmRSS} among the samples, in bytes (at most {@link #peakBytes()}). */
        public long highestResidentBytes() {
            return highestResidentBytes;
        }

        /** The process's user plus system CPU time at the last sample that found it, in nanoseconds. */
        public long cpuNanos() {
            return cpuNanos;
        }

        /** How many samples found the process. */
        public int samples() {
            return samples;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
