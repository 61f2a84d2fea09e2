package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.unique;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's own topic, its dead-letter topic, consumer group and table (names no other test uses), its
 * {@link IngestFixture}, and the consumers it starts; registered as a JUnit extension, it closes the consumers and
 * then the fixture after the test. Owned by the test's thread.
 */
final class ConsumerTestBed implements AfterEachCallback {
    private final IngestFixture fixture = new IngestFixture();
    private final String topic;
    private final String deadLetters;
    private final String group = unique("loader");
    private final String table;
    private final List<RunningConsumer> started = new ArrayList<>();

    /** Topic and table are named after {@code name}. */
    ConsumerTestBed(String name) {
        topic = unique(name);
        deadLetters = topic + ".dlq";
        table = "default." + unique(name);
    }

    IngestFixture fixture() {
        return fixture;
    }

    String topic() {
        return topic;
    }

    /** The dead-letter topic of {@link #topic()}: its name with {@code .dlq} appended. */
    String deadLetters() {
        return deadLetters;
    }

    String group() {
        return group;
    }

    /** The table, with its database: {@code default.NAME}. */
    String table() {
        return table;
    }

    /** A consumer started with {@link RunningConsumer#start}, closed after the test. */
    private RunningConsumer start(String... args) {
        RunningConsumer consumer = RunningConsumer.start(args);
        started.add(consumer);
        return consumer;
    }

    /** A consumer of {@link #topic()} as {@link #group()} into {@link #table()}, with {@code more} options. */
    RunningConsumer startLoading(String... more) {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--group", group, "--table", table));
        args.addAll(List.of(more));
        return start(args.toArray(String[]::new));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }
}
