package io.chingest.consumer.bench;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.ProcessCpu;
import java.util.Locale;

/**
 * The CPU time of the benchmark's ClickHouse server and Kafka broker and of the whole machine, read before and after a
 * measured path: it tells what each process cost per row and whether the machine's cores were all busy, that is
 * whether a path was bound by the cores it shares with the server and the broker. Immutable.
 *
 * @param clickHouseNanos the server's user plus system time so far
 * @param brokerNanos     the broker's
 * @param machine         the machine's busy and total time so far
 */
record ServiceCpu(long clickHouseNanos, long brokerNanos, ProcessCpu.MachineTime machine) {

    static ServiceCpu now() {
        return new ServiceCpu(
                ProcessCpu.cpuNanos(ClickHouseExtension.server().pid()).orElse(0),
                ProcessCpu.cpuNanos(KafkaBrokerExtension.broker().pid()).orElse(0),
                ProcessCpu.machine());
    }

    /**
     * "cpu per M rows: 1.20 s own + 0.80 s ClickHouse + 0.10 s broker, cores busy 97%" for what happened between this
     * reading and {@code after}, the path's own CPU time being {@code pathNanos}.
     */
    String describeUntil(ServiceCpu after, long pathNanos, long rows) {
        ServiceCpu before = this;
        double perMillion = 1e6 / rows / 1e9;
        return String.format(
                Locale.ROOT,
                "cpu per M rows: %.2f s own + %.2f s ClickHouse + %.2f s broker, cores busy %.0f%%",
                pathNanos * perMillion,
                (after.clickHouseNanos - before.clickHouseNanos) * perMillion,
                (after.brokerNanos - before.brokerNanos) * perMillion,
                100 * after.machine.busyShareSince(before.machine));
    }
}
