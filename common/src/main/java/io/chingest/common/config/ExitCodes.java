package io.chingest.common.config;

/**
 * The exit codes of both programs, one meaning each, the same in every subcommand. A subcommand uses the codes that
 * can happen in it; {@code --help} and the README list them. Constants only.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;

    /**
     * The data could not be carried: a file failed, a record no retry can ingest, rows left uninserted at a stop, or
     * nothing to read with {@code --stop-at-end}. The message names the file and line, or topic, partition and offset.
     */
    public static final int FAILED = 1;

    /**
     * Invalid options or configuration, found before anything was sent or changed: an option, a config key, a schema
     * file (naming the file, the field and the rule), or a target that does not fit the topic.
     */
    public static final int INVALID_INPUT = 2;

    /** The ClickHouse table refuses the rows for good: missing, a column missing or of another type, access denied. */
    public static final int TABLE_REFUSED = 3;

    /** {@code replay}: the consumer group has active members, so its offsets cannot be set. */
    public static final int GROUP_ACTIVE = 4;

    /**
     * A service is not there or is not what was asked for, within a bound: nothing answers at an address (Kafka,
     * schema registry, ClickHouse), authentication failed, the schema registry URL does not serve the Confluent API, or
     * the topic does not exist. The message names the address and the cause.
     */
    public static final int SERVICE_UNAVAILABLE = 5;

    /**
     * ch-consumer: records went to the dead-letter topic faster than the circuit breaker allows (a likely setup
     * mistake, not bad data); nothing past them was committed. The message names the first reasons.
     */
    public static final int TOO_MANY_DEAD_LETTERS = 6;

    private ExitCodes() {}
}
