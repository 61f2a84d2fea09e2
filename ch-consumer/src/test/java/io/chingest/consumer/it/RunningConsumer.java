package io.chingest.consumer.it;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.consumer.ConsumerRun;
import io.chingest.consumer.RunCommand;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The consumer program run in-process on its own thread, with the test services' addresses; stoppable like SIGTERM
 * stops the program. Thread-safe.
 */
final class RunningConsumer implements AutoCloseable {
    private final RunCommand command = new RunCommand(false);
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private RunningConsumer(List<String> args) {
        Thread thread = new Thread(
                () -> {
                    try {
                        exit.complete(CommandLineRunner.execute(command, args.toArray(String[]::new)));
                    } catch (Throwable e) {
                        exit.completeExceptionally(e);
                    }
                },
                "ch-consumer-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code run} with the services' addresses and test defaults (unless {@code args} gives them) followed by {@code args}. */
    static RunningConsumer start(String... args) {
        List<String> given = List.of(args);
        List<String> all = new ArrayList<>(List.of(
                "--bootstrap-servers",
                KafkaBrokerExtension.bootstrapServers(),
                "--consumer-property",
                "metadata.max.age.ms=1000"));
        for (String[] option : new String[][] {
            {"--schema-registry", SchemaRegistryExtension.url()},
            {"--clickhouse-url", ClickHouseExtension.httpUrl()},
            {"--retry-backoff-max", "1s"},
            {"--clickhouse-timeout", "20s"}
        }) {
            if (!given.contains(option[0])) {
                all.addAll(List.of(option));
            }
        }
        all.addAll(given);
        return new RunningConsumer(all);
    }

    /** The run's metrics, once the run has started. */
    ConsumerMetrics metrics() throws InterruptedException {
        IngestFixture.await("the consumer to start", () -> command.run() != null);
        return command.run().metrics();
    }

    ConsumerRun run() {
        return command.run();
    }

    int awaitExit() throws Exception {
        return exit.get(IngestFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean hasExited() {
        return exit.isDone();
    }

    /** Stops the run like SIGTERM would and returns its exit code. */
    int stop() throws Exception {
        command.requestStop();
        return awaitExit();
    }

    /** Stops a run that is still going; waiting for its end is up to {@link #awaitExit()}. */
    @Override
    public void close() {
        if (!exit.isDone()) {
            command.requestStop();
        }
    }
}
