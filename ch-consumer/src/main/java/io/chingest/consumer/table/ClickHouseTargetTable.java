package io.chingest.consumer.table;

import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.CreateTableStatement;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.ProvenanceColumns;
import io.chingest.consumer.clickhouse.TabSeparated;
import io.chingest.consumer.clickhouse.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target table in ClickHouse: checks it exists (creating it from the first record's writer schema when allowed),
 * reads its columns with {@code DESCRIBE TABLE} (once, and again when asked to or after adding a column), and checks
 * before each insert that the columns a batch was encoded for have not changed since.
 * Thread-safe: the polling thread and the insert workers share it, its state is guarded by its lock.
 */
public final class ClickHouseTargetTable implements TargetTable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseTargetTable.class);

    private final ClickHouseConnection clickHouse;
    private final TableName name;
    private final boolean createWhenMissing;
    private List<TableColumn> columns;

    public ClickHouseTargetTable(ClickHouseConnection clickHouse, TableName name, boolean createWhenMissing) {
        this.clickHouse = clickHouse;
        this.name = name;
        this.createWhenMissing = createWhenMissing;
    }

    @Override
    public TableName name() {
        return name;
    }

    /**
     * The start-up check: asks the server version and, when the table is missing and may not be created, fails at once.
     * When the table exists its columns are read now.
     *
     * @throws TableSetupException when the table is missing and {@code --create-table} was not given
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be reached
     */
    public synchronized void checkAtStartUp() {
        LOG.info("ClickHouse at {} is version {}", clickHouse.url(), clickHouse.serverVersion());
        // Chosen from the version once and logged, before the first insert needs them.
        clickHouse.insertFeatures();
        if (exists()) {
            columns = describe();
            logDeliveryMode();
        } else if (!createWhenMissing) {
            throw missing();
        }
    }

    @Override
    public synchronized List<TableColumn> columnsFor(Schema writerSchema) {
        if (columns != null) {
            return columns;
        }
        clickHouse.serverVersion();
        if (!exists()) {
            if (!createWhenMissing) {
                throw missing();
            }
            create(writerSchema);
        }
        columns = describe();
        logDeliveryMode();
        return columns;
    }

    @Override
    public synchronized Optional<Boolean> hasProvenanceColumns() {
        if (columns == null) {
            if (!exists()) {
                return Optional.empty();
            }
            columns = describe();
            logDeliveryMode();
        }
        return Optional.of(provenanceIn(columns));
    }

    @Override
    public synchronized List<TableColumn> refresh() {
        columns = describe();
        return columns;
    }

    @Override
    public boolean addColumn(NewColumn column) {
        String sql = column.addSql(name);
        try {
            clickHouse.execute(sql);
            LOG.info("added column {} to table {}: {}", column.name(), name, sql);
            refresh();
            return true;
        } catch (ClickHouseQueryException e) {
            // 18.16 has no ADD COLUMN IF NOT EXISTS: a column another consumer added first makes the ALTER fail
            // ("column with this name already exists", code 44 on 18.16, 15 on newer servers); the table then has it.
            if (!hasColumn(describe(), column.name())) {
                throw new TableSetupException(
                        "adding column " + column.name() + " to table " + name + " failed (" + sql + "): "
                                + e.getMessage(),
                        e);
            }
            LOG.info("table {} already has column {} (added by another consumer or by hand)", name, column.name());
        }
        refresh();
        return false;
    }

    private static boolean hasColumn(List<TableColumn> columns, String name) {
        return columns.stream().anyMatch(column -> column.name().equals(name));
    }

    @Override
    public void checkUnchanged(InsertColumns encodedFor) {
        List<TableColumn> now = describe();
        for (TableColumn expected : encodedFor.columns()) {
            TableColumn current = now.stream()
                    .filter(column -> column.name().equals(expected.name()))
                    .findFirst()
                    .orElse(null);
            if (current == null) {
                throw new TableChangedException("table " + name + " no longer has column " + expected.name() + " ("
                        + expected.typeSql() + "), which the buffered rows were encoded for");
            }
            if (!current.typeSql().equals(expected.typeSql())) {
                throw new TableChangedException("table " + name + " column " + expected.name() + " changed type from "
                        + expected.typeSql() + " to " + current.typeSql()
                        + " while rows encoded for the old type were waiting to be inserted");
            }
            if (!current.insertable()) {
                throw new TableChangedException("table " + name + " column " + expected.name() + " became "
                        + current.defaultKind() + " while rows written for it were waiting to be inserted");
            }
        }
    }

    private static boolean provenanceIn(List<TableColumn> columns) {
        return columns.stream()
                        .filter(TableColumn::insertable)
                        .map(TableColumn::name)
                        .filter(ProvenanceColumns::isProvenance)
                        .count()
                == ProvenanceColumns.NAMES.size();
    }

    private void logDeliveryMode() {
        if (provenanceIn(columns)) {
            LOG.info(
                    "table {} has the provenance columns {}: every record is inserted exactly once",
                    name,
                    ProvenanceColumns.NAMES);
        } else {
            LOG.warn(
                    "table {} lacks the provenance columns {}: records are inserted at least once (a crash between an insert and its"
                            + " commit inserts that batch again); add them with: {}",
                    name,
                    ProvenanceColumns.NAMES,
                    ProvenanceColumns.addColumnsSql(name));
        }
    }

    private boolean exists() {
        String answer = clickHouse
                .queryText("EXISTS TABLE " + name.sql() + " FORMAT TabSeparated")
                .strip();
        return answer.equals("1");
    }

    private void create(Schema writerSchema) {
        String sql;
        try {
            sql = CreateTableStatement.sql(name, writerSchema, clickHouse.serverVersion());
        } catch (IllegalArgumentException | UnsupportedAvroTypeException e) {
            throw new TableSetupException("cannot create table " + name + ": " + e.getMessage(), e);
        }
        sql = CreateTableStatement.withSettings(sql, clickHouse.insertFeatures().tableSettings());
        try {
            clickHouse.execute(sql);
        } catch (ClickHouseQueryException e) {
            throw new TableSetupException("creating table " + name + " failed: " + e.getMessage(), e);
        }
        LOG.info("created table {} from record schema {}: {}", name, writerSchema.getFullName(), sql);
    }

    private List<TableColumn> describe() {
        String answer;
        try {
            answer = clickHouse.queryText("DESCRIBE TABLE " + name.sql() + " FORMAT TabSeparated");
        } catch (ClickHouseQueryException e) {
            throw new TableSetupException("describing table " + name + " failed: " + e.getMessage(), e);
        }
        List<TableColumn> described = describedColumns(answer);
        if (described.stream().noneMatch(TableColumn::insertable)) {
            throw new TableSetupException(
                    "table " + name + " has no insertable columns (DESCRIBE TABLE answered '" + answer.strip() + "')");
        }
        return described;
    }

    /**
     * Columns from DESCRIBE TABLE output (name, type, default kind, default expression, ...), in table order; MATERIALIZED
     * and ALIAS ones are kept, marked as not insertable, so that a record field of their name is known to be computed.
     */
    static List<TableColumn> describedColumns(String tabSeparated) {
        List<TableColumn> described = new ArrayList<>();
        for (List<String> row : TabSeparated.rows(tabSeparated)) {
            if (row.size() < 2) {
                continue;
            }
            described.add(TableColumn.of(row.get(0), row.get(1), row.size() > 2 ? row.get(2) : ""));
        }
        return described;
    }

    private TableSetupException missing() {
        return new TableSetupException("table " + name + " does not exist in ClickHouse at " + clickHouse.url()
                + "; create it or pass --create-table");
    }
}
