package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StopOnSignalTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, false);

    @Test
    void withoutASignalTheRunsExitCodeIsReturnedItsOutputFlushedAndNoStopAsked() {
        AtomicBoolean stopAsked = new AtomicBoolean();

        int code = StopOnSignal.execute(
                () -> {
                    err.print("file-producer: 1 file, 0 failed");
                    return 0;
                },
                () -> stopAsked.set(true),
                err);

        assertThat(code).isZero();
        assertThat(text).hasToString("file-producer: 1 file, 0 failed");
        assertThat(stopAsked).isFalse();
    }

    @Test
    void aRunThatThrowsStillHasItsOutputFlushed() {
        assertThatThrownBy(() -> StopOnSignal.execute(
                        () -> {
                            err.print("partial");
                            throw new IllegalStateException("broken");
                        },
                        () -> {},
                        err))
                .hasMessage("broken");
        assertThat(text).hasToString("partial");
    }
}
