package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void aStatLineGivesUserPlusSystemTimeEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 0 0 20 0 31 0 98765"
                + " 4096000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.cpuNanosOfStat(stat)).isEqualTo((1234L + 567L) * 10_000_000L);
    }

    @Test
    void theMachineLineCountsIdleAndIowaitAsNotBusy() {
        ProcessCpu.MachineTime time =
                ProcessCpu.machineTimeOf("cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\n");
        assertThat(time.totalNanos()).isEqualTo(1000L * 10_000_000L);
        assertThat(time.busyNanos()).isEqualTo(160L * 10_000_000L);
    }

    @Test
    void theBusyShareIsTheBusyPartOfTheTimeBetweenTwoReadings() {
        ProcessCpu.MachineTime before = new ProcessCpu.MachineTime(100, 1000);
        ProcessCpu.MachineTime after = new ProcessCpu.MachineTime(400, 2000);
        assertThat(after.busyShareSince(before)).isEqualTo(0.3);
    }

    @Test
    void thisProcessHasUsedSomeCpuAndTheMachineSomeBusyTime() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessCpu.cpuNanos(pid)).isPresent();
        assertThat(ProcessCpu.cpuNanos(pid).getAsLong()).isPositive();
        assertThat(ProcessCpu.machine().busyNanos()).isPositive();
    }
}
