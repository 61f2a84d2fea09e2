package io.chingest.consumer.table;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseQueryException;
import io.chingest.consumer.clickhouse.TabSeparated;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target table in ClickHouse: checks it exists (creating it from the first record's writer schema when allowed)
 * and reads its columns once with {@code DESCRIBE TABLE}. Not thread-safe: used from the polling thread.
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
    public void checkAtStartUp() {
        LOG.info("ClickHouse at {} is version {}", clickHouse.url(), clickHouse.serverVersion());
        if (exists()) {
            columns = describe();
        } else if (!createWhenMissing) {
            throw missing();
        }
    }

    @Override
    public List<TableColumn> columnsFor(Schema writerSchema) {
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
        return columns;
    }

    private boolean exists() {
        String answer = clickHouse.queryText("EXISTS TABLE " + name.sql() + " FORMAT TabSeparated").strip();
        return answer.equals("1");
    }

    private void create(Schema writerSchema) {
        String sql;
        try {
            sql = AvroToClickHouseMapping.createTableSql(name.sql(), AvroToClickHouseMapping.columnsOf(writerSchema));
        } catch (IllegalArgumentException e) {
            throw new TableSetupException("cannot create table " + name + ": " + e.getMessage(), e);
        }
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
        if (described.isEmpty()) {
            throw new TableSetupException("table " + name + " has no insertable columns (DESCRIBE TABLE answered '" + answer.strip() + "')");
        }
        return described;
    }

    /** Columns from DESCRIBE TABLE output (name, type, default kind, ...), leaving out MATERIALIZED and ALIAS ones, which cannot be inserted. */
    static List<TableColumn> describedColumns(String tabSeparated) {
        List<TableColumn> described = new ArrayList<>();
        for (List<String> row : TabSeparated.rows(tabSeparated)) {
            if (row.size() < 2) {
                continue;
            }
            String defaultKind = row.size() > 2 ? row.get(2) : "";
            if (defaultKind.equals("MATERIALIZED") || defaultKind.equals("ALIAS")) {
                continue;
            }
            described.add(TableColumn.of(row.get(0), row.get(1)));
        }
        return described;
    }

    private TableSetupException missing() {
        return new TableSetupException("table " + name + " does not exist in ClickHouse at " + clickHouse.url()
                + "; create it or pass --create-table");
    }

    @Override
    public List<String> columnNames() {
        if (columns == null) {
            throw new IllegalStateException("the columns of table " + name + " have not been read yet");
        }
        return columns.stream().map(TableColumn::name).toList();
    }
}
