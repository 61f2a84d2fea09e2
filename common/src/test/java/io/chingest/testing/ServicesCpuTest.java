package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServicesCpuTest {

    private static final List<ServicesCpu.Service> THIS_JVM_AS_BROKER =
            List.of(new ServicesCpu.Service("broker", ProcessHandle.current().pid()));

    @Test
    void describesThePathsOwnTimeAndEachServicesTimePerMillionRows() {
        ServicesCpu before = ServicesCpu.now(THIS_JVM_AS_BROKER);
        long spinUntil = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        ServicesCpu after = ServicesCpu.now(THIS_JVM_AS_BROKER);

        // 1.5 s of own time for 500,000 rows is 3.00 s per million
        assertThat(before.describeUntil(after, 1_500_000_000L, 500_000))
                .matches("cpu per M rows: 3\\.00 s own \\+ \\d+\\.\\d\\d s broker, cores busy \\d+%");
    }

    @Test
    void refusesReadingsOfOtherServices() {
        ServicesCpu broker = ServicesCpu.now(THIS_JVM_AS_BROKER);
        ServicesCpu none = ServicesCpu.now(List.of());

        assertThatThrownBy(() -> broker.describeUntil(none, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
