package io.chingest.producer;

import io.chingest.common.config.CommandLineRunner;

/** Entry point of the file-producer program: runs the command line and exits with its code. Stateless. */
public final class FileProducerMain {
    private FileProducerMain() {}

    public static void main(String[] args) {
        System.exit(CommandLineRunner.execute(new FileProducerCommand(), args));
    }
}
