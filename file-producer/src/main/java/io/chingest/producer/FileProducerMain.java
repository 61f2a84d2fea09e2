package io.chingest.producer;

/** Entry point of the file-producer program. */
public final class FileProducerMain {
    private FileProducerMain() {}

    public static void main(String[] args) {
        System.out.println("file-producer");
    }
}
