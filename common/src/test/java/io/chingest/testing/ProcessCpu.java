package io.chingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time as Linux reports it: a process's user plus system time from {@code /proc/<pid>/stat}, and the whole
 * machine's busy and total time from {@code /proc/stat}. Benchmarks use it to tell whether a run was bound by the cores
 * of the machine (every core busy) or by waiting, and what each process cost per row. Stateless.
 */
public final class ProcessCpu {
    /** {@code getconf CLK_TCK}: 100 on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /** The user plus system CPU time the process has used so far, or empty once it is gone (or not on Linux). */
    public static OptionalLong cpuNanos(long pid) {
        try {
            return OptionalLong.of(cpuNanosOfStat(
                    Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The machine's CPU time so far, summed over its cores: busy and in all. */
    public static MachineTime machine() {
        try {
            return machineTimeOf(Files.readString(Path.of("/proc/stat"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    /** utime + stime, fields 14 and 15 of a stat line; the command name (field 2) may hold spaces and parentheses. */
    static long cpuNanosOfStat(String stat) {
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // afterName[0] is field 3 (state), so field n is afterName[n - 3]
        return (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) * NANOS_PER_TICK;
    }

    /** The first line of /proc/stat: {@code cpu user nice system idle iowait irq softirq steal ...} in ticks. */
    static MachineTime machineTimeOf(String procStat) {
        String[] fields = procStat.lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new MachineTime((total - idle) * NANOS_PER_TICK, total * NANOS_PER_TICK);
    }

    /** The machine's CPU time summed over its cores. */
    public record MachineTime(long busyNanos, long totalNanos) {
        /** The share of the machine's cores busy between {@code earlier} and this reading, 0 to 1. */
        public double busyShareSince(MachineTime earlier) {
            long total = totalNanos - earlier.totalNanos;
            return total <= 0 ? Double.NaN : (double) (busyNanos - earlier.busyNanos) / total;
        }
    }
}
