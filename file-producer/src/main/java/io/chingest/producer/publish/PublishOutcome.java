package io.chingest.producer.publish;

/**
 * What Kafka made of the records handed to a {@link KafkaRecordPublisher}: each sent record ends acknowledged or
 * failed once the publisher has finished. Immutable.
 *
 * @param firstError the first send failure, or null
 */
public record PublishOutcome(String topic, long sent, long acknowledged, long failed, Throwable firstError) {

    /** Every record handed over was acknowledged by Kafka. */
    public boolean allAcknowledged() {
        return failed == 0 && acknowledged == sent && firstError == null;
    }

    /** A one-line account of the failure naming the topic and the first error, for users. */
    public String failureMessage() {
        return "failed to publish to topic '" + topic + "': " + failed + " of " + sent
                + " records failed; first error: " + describe(firstError);
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "none reported";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
