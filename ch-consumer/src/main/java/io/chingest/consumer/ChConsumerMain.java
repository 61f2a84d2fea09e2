package io.chingest.consumer;

/** Entry point of the ch-consumer program. */
public final class ChConsumerMain {
    private ChConsumerMain() {}

    public static void main(String[] args) {
        System.out.println("ch-consumer");
    }
}
