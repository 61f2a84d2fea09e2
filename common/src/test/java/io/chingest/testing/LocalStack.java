package io.chingest.testing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stack: a Kafka broker, the schema registry and ClickHouse as detached processes on 127.0.0.1 at
 * their conventional ports, with data, logs and pid files under one directory. Called by
 * {@code docker/local-stack.sh up|down|status}. Not thread-safe: one command per instance.
 */
public final class LocalStack {
    /** Exit status of {@code status} when a service is down (as LSB init scripts do). */
    static final int NOT_RUNNING = 3;

    /** The stack's ports. */
    record Ports(int kafka, int kafkaController, int registry, int clickHouseHttp, int clickHouseTcp) {
        static final Ports CONVENTIONAL = new Ports(9092, 9093, 8081, 8123, 9000);
    }

    private final Path directory;
    private final List<LocalService> services;

    LocalStack(Path directory, Ports ports) {
        this.directory = directory.toAbsolutePath().normalize();
        this.services = List.of(
                new KafkaBroker(
                        this.directory.resolve("kafka"),
                        ports.kafka(),
                        ports.kafkaController(),
                        ServiceLifetime.DETACHED),
                new SchemaRegistry(
                        this.directory.resolve("schema-registry"), ports.registry(), ServiceLifetime.DETACHED),
                new ClickHouseServer(
                        this.directory.resolve("clickhouse"),
                        ports.clickHouseHttp(),
                        ports.clickHouseTcp(),
                        ServiceLifetime.DETACHED));
    }

    /**
     * Usage: {@code LocalStack up|down|status [--dir DIRECTORY] [--ports KAFKA,CONTROLLER,REGISTRY,CH_HTTP,CH_NATIVE]};
     * the directory defaults to .local-stack in the checkout, the ports to 9092,9093,8081,8123,9000.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage =
                "usage: LocalStack up|down|status [--dir DIRECTORY] [--ports KAFKA,CONTROLLER,REGISTRY,CH_HTTP,CH_NATIVE]";
        if (args.length == 0 || args.length % 2 == 0) {
            err.println(usage);
            return 2;
        }
        Path directory = null;
        Ports ports = Ports.CONVENTIONAL;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> directory = Path.of(args[i + 1]);
                case "--ports" -> {
                    String[] numbers = args[i + 1].split(",");
                    if (numbers.length != 5) {
                        err.println("--ports needs 5 comma-separated ports, got '" + args[i + 1] + "'");
                        return 2;
                    }
                    int[] p = new int[5];
                    for (int n = 0; n < 5; n++) {
                        try {
                            p[n] = Integer.parseInt(numbers[n].trim());
                        } catch (NumberFormatException e) {
                            err.println("--ports: '" + numbers[n] + "' is not a port number");
                            return 2;
                        }
                    }
                    ports = new Ports(p[0], p[1], p[2], p[3], p[4]);
                }
                default -> {
                    err.println("unknown option '" + args[i] + "'; " + usage);
                    return 2;
                }
            }
        }
        if (directory == null) {
            directory = BuildLayout.current().checkoutRoot().orElse(Path.of("")).resolve(".local-stack");
        }
        LocalStack stack = new LocalStack(directory, ports);
        return switch (args[0]) {
            case "up" -> stack.up(out);
            case "down" -> stack.down(out);
            case "status" -> stack.status(out);
            default -> {
                err.println("unknown command '" + args[0] + "'; " + usage);
                yield 2;
            }
        };
    }

    /** Starts every service that is not running, in parallel, and waits until each serves; 0 when all serve. */
    int up(PrintStream out) {
        Map<LocalService, RuntimeException> failures = new ConcurrentHashMap<>();
        List<LocalService> startedNow = new ArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (LocalService service : services) {
            if (service.isRunning()) {
                out.printf(
                        Locale.ROOT,
                        "%-16s already running at %s (pid %d)%n",
                        service.name(),
                        service.address(),
                        service.pid());
                continue;
            }
            startedNow.add(service);
            Thread starter = new Thread(
                    () -> {
                        try {
                            service.start();
                        } catch (RuntimeException e) {
                            failures.put(service, e);
                        }
                    },
                    "start-" + service.name());
            starter.start();
            starters.add(starter);
        }
        joinAll(starters);
        if (!failures.isEmpty()) {
            failures.forEach((service, failure) -> out.println(service.name() + " failed: " + failure.getMessage()));
            for (LocalService service : startedNow) {
                service.stop();
            }
            out.println("the local stack is not up; services started by this command were stopped again");
            return 1;
        }
        out.println("local stack up under " + directory + "; logs:");
        for (LocalService service : services) {
            out.println("  " + service.name() + ": " + service.logFile());
        }
        return 0;
    }

    /** Stops every running service, in parallel; 0. */
    int down(PrintStream out) {
        List<Thread> stoppers = new ArrayList<>();
        for (LocalService service : services) {
            if (!service.isRunning()) {
                out.printf(Locale.ROOT, "%-16s was not running%n", service.name());
                continue;
            }
            Thread stopper = new Thread(
                    () -> {
                        service.stop();
                        out.printf(Locale.ROOT, "%-16s stopped%n", service.name());
                    },
                    "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        joinAll(stoppers);
        return 0;
    }

    /** Prints each service as up or down with its address; 0 when all are up, {@link #NOT_RUNNING} otherwise. */
    int status(PrintStream out) {
        boolean allUp = true;
        for (LocalService service : services) {
            boolean up = service.isRunning();
            allUp &= up;
            out.printf(
                    Locale.ROOT,
                    "%-16s %-5s %s%s%n",
                    service.name(),
                    up ? "up" : "down",
                    service.address(),
                    up ? " (pid " + service.pid() + ")" : "");
        }
        return allUp ? 0 : NOT_RUNNING;
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
