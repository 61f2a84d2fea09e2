package io.chingest.consumer.replay;

import io.chingest.common.security.Secret;
import io.chingest.common.security.TrustStore;
import io.chingest.consumer.InvalidSettingException;
import io.chingest.consumer.clickhouse.TableName;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The validated configuration of one {@code ch-consumer replay}: which group and topic, where to move the offsets, and
 * (for {@code --to-table}) the ClickHouse server to ask. Built by {@link Options#validated()}, every problem naming its
 * option. Immutable.
 */
public record ReplaySettings(
        String bootstrapServers,
        Map<String, String> kafkaClientProperties,
        String group,
        String topic,
        ReplayTarget target,
        boolean dryRun,
        Optional<ClickHouse> clickHouse,
        Duration kafkaTimeout) {

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern PARTITION_OFFSET = Pattern.compile("(\\d{1,9}):(\\d{1,19})");

    public ReplaySettings {
        kafkaClientProperties = Map.copyOf(kafkaClientProperties);
    }

    /** Where ClickHouse is and how to log in; the password never appears in {@link #toString()}. */
    public record ClickHouse(String url, String user, Secret password, TrustStore trustStore, Duration timeout) {
        @Override
        public String toString() {
            return "ClickHouse[url=" + url + ", user=" + user + ", timeout=" + timeout + "]";
        }
    }

    /** The raw option values as given; {@link #validated()} checks them. */
    public record Options(
            String bootstrapServers,
            Map<String, String> kafkaClientProperties,
            String group,
            String topic,
            boolean toEarliest,
            String toDateTime,
            String toOffsets,
            String toTable,
            boolean dryRun,
            ClickHouse clickHouse,
            Duration kafkaTimeout) {

        /** @throws InvalidSettingException naming the first option whose value cannot work */
        public ReplaySettings validated() {
            String validGroup = required("--group", group);
            String validTopic = required("--topic", topic);
            if (!KAFKA_TOPIC.matcher(validTopic).matches()) {
                throw new InvalidSettingException("--topic '" + validTopic
                        + "' is not a Kafka topic name (letters, digits, '.', '_', '-';" + " at most 249)");
            }
            String validBootstrap = required("--bootstrap-servers", bootstrapServers);
            if (kafkaTimeout == null || kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
                throw new InvalidSettingException("--kafka-timeout must be a positive duration, was " + kafkaTimeout);
            }
            List<String> given = new ArrayList<>();
            if (toEarliest) {
                given.add("--to-earliest");
            }
            if (present(toDateTime)) {
                given.add("--to-datetime");
            }
            if (present(toOffsets)) {
                given.add("--to-offsets");
            }
            if (present(toTable)) {
                given.add("--to-table");
            }
            if (given.size() != 1) {
                throw new InvalidSettingException(
                        "give exactly one of --to-earliest, --to-datetime, --to-offsets, --to-table"
                                + (given.isEmpty() ? "" : " (given: " + String.join(", ", given) + ")"));
            }
            ReplayTarget target;
            Optional<ClickHouse> validClickHouse = Optional.empty();
            if (toEarliest) {
                target = new ReplayTarget.Earliest();
            } else if (present(toDateTime)) {
                target = new ReplayTarget.AtTime(instant(toDateTime.strip()));
            } else if (present(toOffsets)) {
                target = ReplayTarget.Offsets.of(offsets(toOffsets.strip()));
            } else {
                try {
                    target = new ReplayTarget.Table(TableName.parse(toTable.strip()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException("--to-table: " + e.getMessage());
                }
                validClickHouse = Optional.of(clickHouse(clickHouse));
            }
            return new ReplaySettings(
                    validBootstrap,
                    kafkaClientProperties,
                    validGroup,
                    validTopic,
                    target,
                    dryRun,
                    validClickHouse,
                    kafkaTimeout);
        }

        /** ISO-8601 with a zone or offset: 2026-12-01T08:00:00Z, 2026-12-01T09:00:00+01:00, ...[Europe/Paris]. */
        static Instant instant(String text) {
            for (DateTimeFormatter format :
                    List.of(DateTimeFormatter.ISO_INSTANT, DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
                try {
                    return format.parse(text, Instant::from);
                } catch (DateTimeParseException e) {
                    // Try the next form.
                }
            }
            try {
                return ZonedDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // Reported below.
            }
            try {
                OffsetDateTime.parse(text + "Z");
                throw new InvalidSettingException(
                        "--to-datetime '" + text + "' has no time zone: add Z (UTC) or an offset such as +01:00");
            } catch (DateTimeParseException e) {
                throw new InvalidSettingException(
                        "--to-datetime '" + text + "' is not an ISO-8601 date-time with a zone, such as"
                                + " 2026-12-01T08:00:00Z or 2026-12-01T09:00:00+01:00");
            }
        }

        /** {@code P:O,P:O,...}: each partition once, offsets not negative. */
        static Map<Integer, Long> offsets(String text) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (String item : text.split(",", -1)) {
                var matcher = PARTITION_OFFSET.matcher(item.strip());
                if (!matcher.matches()) {
                    throw new InvalidSettingException(
                            "--to-offsets: '" + item.strip() + "' is not PARTITION:OFFSET (for example 0:1200,1:980)");
                }
                int partition;
                long offset;
                try {
                    partition = Integer.parseInt(matcher.group(1));
                    offset = Long.parseLong(matcher.group(2));
                } catch (NumberFormatException e) {
                    throw new InvalidSettingException(
                            "--to-offsets: '" + item.strip() + "' has a partition or offset out of range");
                }
                if (offsets.put(partition, offset) != null) {
                    throw new InvalidSettingException("--to-offsets names partition " + partition + " more than once");
                }
            }
            return offsets;
        }

        private static ClickHouse clickHouse(ClickHouse given) {
            if (given == null || !present(given.url())) {
                throw new InvalidSettingException("--to-table needs --clickhouse-url");
            }
            String url = given.url().strip();
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new InvalidSettingException("--clickhouse-url '" + url + "' must be an http:// or https:// URL");
            }
            if (!present(given.user())) {
                throw new InvalidSettingException("--clickhouse-user must not be empty");
            }
            if (given.timeout() == null
                    || given.timeout().isNegative()
                    || given.timeout().isZero()) {
                throw new InvalidSettingException(
                        "--clickhouse-timeout must be a positive duration, was " + given.timeout());
            }
            return new ClickHouse(
                    url,
                    given.user(),
                    given.password() == null ? Secret.of("") : given.password(),
                    given.trustStore(),
                    given.timeout());
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        private static String required(String option, String value) {
            if (!present(value)) {
                throw new InvalidSettingException("missing required option " + option);
            }
            return value.strip();
        }
    }
}
