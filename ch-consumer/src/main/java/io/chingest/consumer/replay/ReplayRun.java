package io.chingest.consumer.replay;

import io.chingest.common.availability.KafkaAvailability;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.config.ExitCodes;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.delivery.ClickHouseIncarnationLedger;
import io.chingest.consumer.delivery.ClickHouseTableOffsets;
import io.chingest.consumer.delivery.IncarnationRefusedException;
import io.chingest.consumer.delivery.TopicIncarnationCheck;
import io.chingest.consumer.table.ClickHouseTargetTable;
import io.chingest.consumer.table.TableSetupException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * One {@code ch-consumer replay}: refuses while the group has members, reads the partitions' offsets (and, for a table
 * target, what the table holds), chooses the new offsets with {@link ReplayPlan}, prints one line per partition and,
 * unless it is a dry run, commits them for the group. Runs on the calling thread.
 */
public final class ReplayRun {
    private final ReplaySettings settings;
    private final PrintStream out;
    private final PrintStream err;

    public ReplayRun(ReplaySettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs the replay; returns the exit code, one of {@link ExitCodes}. */
    public int execute() {
        Properties properties = new Properties();
        properties.putAll(settings.kafkaClientProperties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "ch-consumer-replay-" + settings.group());
        Admin admin;
        try {
            admin = Admin.create(properties);
        } catch (KafkaException e) {
            return fail(
                    "the Kafka admin client refused its configuration (--bootstrap-servers, --consumer-property): "
                            + e.getMessage(),
                    ExitCodes.FAILED);
        }
        try {
            // A broker that answers at all, within --kafka-timeout; whether the topic exists is the target's question
            new KafkaAvailability(
                            settings.bootstrapServers(), settings.kafkaClientProperties(), settings.kafkaTimeout())
                    .check(List.of());
            return replay(new GroupOffsetsAdmin(admin, settings.group(), settings.topic(), settings.kafkaTimeout()));
        } catch (ReplayRefusedException e) {
            return fail(e.getMessage(), e.exitCode());
        } catch (ServiceUnavailableException e) {
            return fail(e.getMessage(), ExitCodes.SERVICE_UNAVAILABLE);
        } catch (GroupOffsetsAdmin.KafkaUnavailableException e) {
            return fail(
                    "Kafka at " + settings.bootstrapServers() + ": " + e.getMessage(), ExitCodes.SERVICE_UNAVAILABLE);
        } catch (ClickHouseUnavailableException | ClickHouseQueryException e) {
            return fail(e.getMessage(), ExitCodes.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for Kafka at " + settings.bootstrapServers(), ExitCodes.FAILED);
        } finally {
            admin.close(settings.kafkaTimeout());
        }
    }

    private int replay(GroupOffsetsAdmin kafka) {
        refuseWhileActive(kafka.members());
        Map<Integer, PartitionOffsets> partitions = kafka.partitions();
        String topic = settings.topic();
        List<ReplayPlan.Move> moves = plan(kafka, partitions);
        String mode = settings.dryRun() ? "dry run, nothing changed: would set" : "setting";
        out.println("ch-consumer replay: " + mode + " group " + settings.group() + " on topic " + topic + " to "
                + settings.target());
        for (ReplayPlan.Move move : moves) {
            out.println(move.line(topic));
        }
        if (settings.dryRun()) {
            return ExitCodes.OK;
        }
        // A consumer may have joined while the table was read: Kafka refuses the change then too, but this names it.
        refuseWhileActive(kafka.members());
        kafka.commit(moves);
        out.println("ch-consumer replay: committed " + moves.size() + " offsets for group " + settings.group()
                + "; its next run reads from there");
        return ExitCodes.OK;
    }

    private List<ReplayPlan.Move> plan(GroupOffsetsAdmin kafka, Map<Integer, PartitionOffsets> partitions) {
        String topic = settings.topic();
        ReplayTarget target = settings.target();
        if (target instanceof ReplayTarget.AtTime at) {
            return ReplayPlan.toTime(partitions.values(), kafka.offsetsAtOrAfter(at.time(), partitions.keySet()));
        }
        if (target instanceof ReplayTarget.Offsets offsets) {
            return ReplayPlan.toOffsets(topic, partitions, offsets.offsets());
        }
        if (target instanceof ReplayTarget.Table table) {
            return ReplayPlan.toTable(
                    topic,
                    table.table().toString(),
                    partitions.values(),
                    highestInTable(table.table(), partitions.keySet(), kafka::topicId));
        }
        return ReplayPlan.toEarliest(partitions.values());
    }

    private void refuseWhileActive(List<String> members) {
        if (!members.isEmpty()) {
            throw new ReplayRefusedException(
                    "group " + settings.group() + " has " + members.size() + " active member(s), stop them"
                            + " first (the offsets of a running group cannot be changed): "
                            + String.join("; ", members),
                    ExitCodes.GROUP_ACTIVE);
        }
    }

    /** Per partition, the highest offset of the topic the table holds, read from its provenance columns. */
    private Map<Integer, OptionalLong> highestInTable(
            TableName table, Iterable<Integer> partitions, Supplier<String> topicId) {
        ReplaySettings.ClickHouse server = settings.clickHouse().orElseThrow();
        try (ClickHouseConnection clickHouse = new ClickHouseConnection(
                server.url(), server.user(), server.password(), server.trustStore(), server.timeout())) {
            clickHouse.checkAvailable();
            Optional<Boolean> provenance;
            try {
                provenance = new ClickHouseTargetTable(clickHouse, table, false).hasProvenanceColumns();
            } catch (TableSetupException e) {
                throw new ReplayRefusedException(e.getMessage(), ExitCodes.TABLE_REFUSED);
            }
            if (provenance.isEmpty()) {
                throw new ReplayRefusedException(
                        "table " + table + " does not exist at " + server.url(), ExitCodes.TABLE_REFUSED);
            }
            if (!provenance.get()) {
                throw new ReplayRefusedException(
                        "table " + table + " lacks the provenance columns " + ProvenanceColumns.NAMES
                                + " (the exactly-once layout), so it cannot tell which offsets it holds; use --to-earliest or --to-datetime,"
                                + " or give the table the columns for later runs with: "
                                + ProvenanceColumns.addColumnsSql(table),
                        ExitCodes.TABLE_REFUSED);
            }
            try {
                new TopicIncarnationCheck(
                                ignored -> topicId.get(),
                                new ClickHouseIncarnationLedger(clickHouse, table, settings.topic()),
                                table,
                                settings.topic())
                        .check();
            } catch (IncarnationRefusedException e) {
                throw new ReplayRefusedException(e.getMessage(), ExitCodes.TABLE_REFUSED);
            }
            ClickHouseTableOffsets offsets = new ClickHouseTableOffsets(clickHouse, table, settings.topic());
            Map<Integer, OptionalLong> highest = new HashMap<>();
            for (int partition : partitions) {
                highest.put(partition, offsets.highestFrom(partition, 0));
            }
            return highest;
        }
    }

    private int fail(String message, int code) {
        err.println("ch-consumer replay: " + message);
        return code;
    }
}
