package io.chingest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time of a benchmark's service processes (the Kafka broker, the ClickHouse server, ...) and of the whole
 * machine, read before and after a measured path: it tells what each process cost per row and whether the machine's
 * cores were all busy, that is whether a path was bound by the cores it shares with the services. Immutable.
 */
public final class ServicesCpu {

    /** A service process by the name a report gives it. */
    public record Service(String name, long pid) {}

    private final List<Service> services;
    private final long[] nanos;
    private final ProcessCpu.MachineTime machine;

    private ServicesCpu(List<Service> services, long[] nanos, ProcessCpu.MachineTime machine) {
        this.services = services;
        this.nanos = nanos;
        this.machine = machine;
    }

    /** Each service's user plus system time so far (0 for one that is gone) and the machine's. */
    public static ServicesCpu now(List<Service> services) {
        long[] nanos = new long[services.size()];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = ProcessCpu.cpuNanos(services.get(i).pid()).orElse(0);
        }
        return new ServicesCpu(List.copyOf(services), nanos, ProcessCpu.machine());
    }

    /**
     * "cpu per M rows: 1.20 s own + 0.80 s ClickHouse + 0.10 s broker, cores busy 97%" for what happened between this
     * reading and {@code after} (of the same services), the path's own CPU time being {@code pathNanos}.
     */
    public String describeUntil(ServicesCpu after, long pathNanos, long rows) {
        if (!after.services.equals(services)) {
            throw new IllegalArgumentException("readings of other services: " + after.services + ", not " + services);
        }
        double secondsPerMillion = 1e6 / rows / 1e9;
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%.2f s own", pathNanos * secondsPerMillion));
        for (int i = 0; i < nanos.length; i++) {
            parts.add(String.format(
                    Locale.ROOT,
                    "%.2f s %s",
                    (after.nanos[i] - nanos[i]) * secondsPerMillion,
                    services.get(i).name()));
        }
        return String.format(
                Locale.ROOT,
                "cpu per M rows: %s, cores busy %.0f%%",
                String.join(" + ", parts),
                100 * after.machine.busyShareSince(machine));
    }
}
