package io.chingest.consumer;

import io.chingest.common.config.CommandLineRunner;

/** Entry point of the ch-consumer program: runs the command line and exits with its code. */
public final class ChConsumerMain {
    private ChConsumerMain() {}

    public static void main(String[] args) {
        System.exit(CommandLineRunner.execute(new ChConsumerCommand(), args));
    }
}
