package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectMemoryLimitTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void withoutTheOptionTheLimitIsTheHeapsMaximum() {
        assertThat(DirectMemoryLimit.of(0, 112 * MIB).bytes()).isEqualTo(112 * MIB);
        assertThat(DirectMemoryLimit.of(96 * MIB, 1024 * MIB).bytes()).isEqualTo(96 * MIB);
    }

    @Test
    void aBudgetFitsWhenItAndTheHeadroomDo() {
        assertThatCode(() -> DirectMemoryLimit.of(96 * MIB, 64 * MIB).check(80 * MIB))
                .doesNotThrowAnyException();
        assertThatCode(() -> DirectMemoryLimit.of(0, 64 * MIB).check(24 * MIB)).doesNotThrowAnyException();
    }

    @Test
    void aBudgetTheLimitCannotHoldIsRefusedNamingTheOptionsThatChangeIt() {
        assertThatThrownBy(() -> DirectMemoryLimit.of(0, 64 * MIB).check(64 * MIB))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--max-buffered-bytes (64.0 MiB) does not fit this JVM's direct memory of 64.0 MiB, which"
                        + " holds the buffered rows and needs 16.0 MiB more: lower --max-buffered-bytes, or raise"
                        + " -XX:MaxDirectMemorySize (by default the heap's -Xmx) in JAVA_OPTS");
        assertThatThrownBy(() -> DirectMemoryLimit.of(96 * MIB, 1024 * MIB).check(80 * MIB + 1))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void thisJvmHasALimit() {
        assertThat(DirectMemoryLimit.ofThisJvm().bytes()).isPositive();
    }
}
