package io.chingest.consumer;

import io.chingest.common.registry.RegistryAccess;
import io.chingest.common.security.Secret;
import io.chingest.common.security.SettingsDump;
import io.chingest.common.security.TrustStore;
import io.chingest.common.security.Urls;
import io.chingest.consumer.buffer.BufferLimits;
import io.chingest.consumer.clickhouse.RequestCompression;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.deadletter.BreakerLimits;
import io.chingest.consumer.poll.ConsumerProperties;
import io.chingest.consumer.poll.GroupMembership;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The validated configuration of one {@code ch-consumer run}: where to read, where to write, and the buffer bounds.
 * Built once at start-up by {@link #validated}; every problem is reported naming its option. Immutable.
 */
public record ConsumerSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        String topic,
        String group,
        TableName table,
        String clickHouseUrl,
        String clickHouseUser,
        Secret clickHousePassword,
        Duration clickHouseTimeout,
        boolean createTable,
        BufferLimits bufferLimits,
        Map<String, String> consumerProperties,
        boolean stopAtEnd,
        Duration retryBackoffMax,
        Duration shutdownTimeout,
        int maxInFlightInserts,
        Duration revokeTimeout,
        Duration tableCheckInterval,
        Optional<String> deadLetterTopic,
        OptionalInt metricsPort,
        GroupMembership membership,
        boolean evolve,
        RequestCompression clickHouseCompression,
        boolean deduplicationTokens,
        TrustStore clickHouseTrustStore,
        RegistryAccess registryAccess,
        Duration kafkaTimeout,
        BreakerLimits deadLetterBreaker) {

    /** The first wait after a failed insert or an unavailable service; doubled per failure up to --retry-backoff-max. */
    public static final Duration RETRY_BACKOFF_INITIAL = Duration.ofMillis(200);
    /** Java arrays stop a little short of Integer.MAX_VALUE; a batch must fit one chunk list indexed by int. */
    static final long MAX_BATCH_BYTES = Integer.MAX_VALUE - 16;
    /** More concurrent inserts than this only makes ClickHouse merge more parts. */
    static final int MAX_IN_FLIGHT_INSERTS = 64;

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public ConsumerSettings {
        consumerProperties = Map.copyOf(consumerProperties);
    }

    @Override
    public String toString() {
        return SettingsDump.of(this);
    }

    /** The raw option values as given; {@link #validated()} checks them. */
    public record Options(
            String bootstrapServers,
            String schemaRegistryUrl,
            String topic,
            String group,
            String table,
            String clickHouseUrl,
            String clickHouseUser,
            Secret clickHousePassword,
            Duration clickHouseTimeout,
            boolean createTable,
            int batchMaxRows,
            long batchMaxBytes,
            Duration batchMaxWait,
            long maxBufferedBytes,
            Map<String, String> consumerProperties,
            boolean stopAtEnd,
            Duration retryBackoffMax,
            Duration shutdownTimeout,
            int maxInFlightInserts,
            Duration revokeTimeout,
            Duration tableCheckInterval,
            String errorsTolerance,
            String deadLetterTopic,
            Integer metricsPort,
            String groupProtocol,
            String instanceId,
            boolean evolve,
            String clickHouseCompression,
            String deduplicationToken,
            TrustStore clickHouseTrustStore,
            RegistryAccess registryAccess,
            Duration kafkaTimeout,
            String deadLetterBreakerRun,
            String deadLetterBreakerShare) {

        @Override
        public String toString() {
            return SettingsDump.of(this);
        }

        /** @throws InvalidSettingException naming the first option whose value cannot work */
        public ConsumerSettings validated() {
            String validTopic = required("--topic", topic);
            String validGroup = required("--group", group);
            TableName validTable = tableName(required("--table", table));
            String validBootstrap = required("--bootstrap-servers", bootstrapServers);
            httpUrl("--schema-registry", schemaRegistryUrl);
            httpUrl("--clickhouse-url", clickHouseUrl);
            if (clickHouseUser == null || clickHouseUser.isBlank()) {
                throw new InvalidSettingException("--clickhouse-user must not be empty");
            }
            positive("--clickhouse-timeout", clickHouseTimeout);
            positive("--kafka-timeout", kafkaTimeout);
            if (batchMaxRows < 1) {
                throw new InvalidSettingException("--batch-max-rows must be at least 1, was " + batchMaxRows);
            }
            if (batchMaxBytes < 1 || batchMaxBytes > MAX_BATCH_BYTES) {
                throw new InvalidSettingException("--batch-max-bytes must be between 1 byte and " + MAX_BATCH_BYTES
                        + " bytes, was " + batchMaxBytes);
            }
            positive("--batch-max-wait", batchMaxWait);
            if (maxBufferedBytes < batchMaxBytes) {
                throw new InvalidSettingException(
                        "--max-buffered-bytes (" + maxBufferedBytes + " bytes) must be at least --batch-max-bytes ("
                                + batchMaxBytes + " bytes), or no batch could ever fill up");
            }
            for (String key : consumerProperties.keySet()) {
                if (ConsumerProperties.RESERVED.contains(key)) {
                    throw new InvalidSettingException(
                            "--consumer-property " + key + " is set by ch-consumer itself and cannot be changed"
                                    + " (use --bootstrap-servers and --group for the address and the group)");
                }
            }
            positive("--retry-backoff-max", retryBackoffMax);
            if (retryBackoffMax.compareTo(RETRY_BACKOFF_INITIAL) < 0) {
                throw new InvalidSettingException("--retry-backoff-max must be at least "
                        + RETRY_BACKOFF_INITIAL.toMillis() + "ms, was " + retryBackoffMax);
            }
            if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
                throw new InvalidSettingException("--shutdown-timeout must not be negative, was " + shutdownTimeout);
            }
            if (maxInFlightInserts < 1 || maxInFlightInserts > MAX_IN_FLIGHT_INSERTS) {
                throw new InvalidSettingException("--max-in-flight-inserts must be between 1 and "
                        + MAX_IN_FLIGHT_INSERTS + ", was " + maxInFlightInserts);
            }
            positive("--revoke-timeout", revokeTimeout);
            if (tableCheckInterval == null || tableCheckInterval.isNegative()) {
                throw new InvalidSettingException(
                        "--table-check-interval must not be negative, was " + tableCheckInterval);
            }
            Optional<String> validDeadLetterTopic = deadLetterTopic(validTopic);
            if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
                throw new InvalidSettingException(
                        "--metrics-port must be a TCP port (0 for any free one), was " + metricsPort);
            }
            GroupMembership membership =
                    GroupMembershipOptions.validated(groupProtocol, instanceId, consumerProperties);
            RequestCompression validCompression = compression();
            boolean validTokens = deduplicationTokens();
            BreakerLimits validBreaker = new BreakerLimits(
                    breakerRun(deadLetterBreakerRun), breakerShare(deadLetterBreakerShare), BreakerLimits.WINDOW);
            return new ConsumerSettings(
                    validBootstrap,
                    schemaRegistryUrl,
                    validTopic,
                    validGroup,
                    validTable,
                    clickHouseUrl,
                    clickHouseUser,
                    clickHousePassword == null ? Secret.none() : clickHousePassword,
                    clickHouseTimeout,
                    createTable,
                    new BufferLimits(batchMaxRows, (int) batchMaxBytes, batchMaxWait, maxBufferedBytes),
                    consumerProperties,
                    stopAtEnd,
                    retryBackoffMax,
                    shutdownTimeout,
                    maxInFlightInserts,
                    revokeTimeout,
                    tableCheckInterval,
                    validDeadLetterTopic,
                    metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort),
                    membership,
                    evolve,
                    validCompression,
                    validTokens,
                    clickHouseTrustStore,
                    registryAccess == null ? RegistryAccess.NONE : registryAccess,
                    kafkaTimeout,
                    validBreaker);
        }

        /** {@code N} (at least 1) or {@code off}; 0 stands for off. */
        private static int breakerRun(String value) {
            String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (text.equals("off")) {
                return 0;
            }
            try {
                int run = Integer.parseInt(text);
                if (run >= 1) {
                    return run;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(
                    "--dead-letter-breaker-run must be a number of dead letters in a row (at least 1) or off, was '"
                            + value + "'");
        }

        /** {@code P%} (1 to 99) or {@code off}; 0 stands for off. */
        private static int breakerShare(String value) {
            String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (text.equals("off")) {
                return 0;
            }
            String number =
                    text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
            try {
                int share = Integer.parseInt(number);
                if (share >= 1 && share <= 99) {
                    return share;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException("--dead-letter-breaker-share must be a whole percentage from 1% to 99%"
                    + " of the last " + BreakerLimits.WINDOW + " records, or off, was '" + value + "'");
        }

        private RequestCompression compression() {
            try {
                return RequestCompression.parse(clickHouseCompression);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("--clickhouse-compression " + e.getMessage());
            }
        }

        private boolean deduplicationTokens() {
            String value = deduplicationToken == null
                    ? "auto"
                    : deduplicationToken.strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "auto" -> true;
                case "off" -> false;
                default ->
                    throw new InvalidSettingException(
                            "--deduplication-token must be auto (on servers that have it) or off, was '"
                                    + deduplicationToken + "'");
            };
        }

        /** Empty with --errors-tolerance none; else the dead-letter topic, {@code <topic>.dlq} unless given. */
        private Optional<String> deadLetterTopic(String validTopic) {
            String tolerance =
                    errorsTolerance == null ? "all" : errorsTolerance.strip().toLowerCase(Locale.ROOT);
            if (tolerance.equals("none")) {
                if (deadLetterTopic != null && !deadLetterTopic.isBlank()) {
                    throw new InvalidSettingException("--dead-letter-topic has no use with --errors-tolerance none");
                }
                return Optional.empty();
            }
            if (!tolerance.equals("all")) {
                throw new InvalidSettingException(
                        "--errors-tolerance must be none (stop at a poison record) or all (send it to the"
                                + " dead-letter topic), was '" + errorsTolerance + "'");
            }
            String topicName = deadLetterTopic == null || deadLetterTopic.isBlank()
                    ? validTopic + ".dlq"
                    : deadLetterTopic.strip();
            if (!KAFKA_TOPIC.matcher(topicName).matches()) {
                throw new InvalidSettingException("--dead-letter-topic '" + topicName
                        + "' is not a Kafka topic name (letters, digits," + " '.', '_', '-'; at most 249)");
            }
            if (topicName.equals(validTopic)) {
                throw new InvalidSettingException(
                        "--dead-letter-topic must not be the topic that is read (" + validTopic + ")");
            }
            return Optional.of(topicName);
        }

        private static String required(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidSettingException("missing required option " + option);
            }
            return value.strip();
        }

        private static TableName tableName(String value) {
            try {
                return TableName.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("--table: " + e.getMessage());
            }
        }

        private static void httpUrl(String option, String value) {
            String text = required(option, value);
            if (Urls.hasUserInfo(text)) {
                // every message names the URL: credentials go in options of their own, which never print
                throw new InvalidSettingException(option + " '" + Urls.withoutUserInfo(text)
                        + "' must not carry USER:PASSWORD@;" + " give the user and password as options of their own");
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidSettingException(option + " '" + text + "' is not a URL: " + e.getMessage());
            }
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(
                        option + " '" + text + "' must be an http:// or https:// URL with a host");
            }
        }

        private static void positive(String option, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidSettingException(option + " must be a positive duration, was " + value);
            }
        }
    }
}
