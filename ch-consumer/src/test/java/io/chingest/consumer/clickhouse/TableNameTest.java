package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing and quoting [DB.]TABLE. */
class TableNameTest {

    @Test
    void anUnqualifiedNameIsInTheDefaultDatabase() {
        assertThat(TableName.parse("trades")).isEqualTo(new TableName("default", "trades"));
        assertThat(TableName.parse("trades").sql()).isEqualTo("default.trades");
    }

    @Test
    void theFirstDotSeparatesDatabaseAndTable() {
        assertThat(TableName.parse("market.trades")).isEqualTo(new TableName("market", "trades"));
        assertThat(TableName.parse("market.trades.v2")).isEqualTo(new TableName("market", "trades.v2"));
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreBackQuotedInSql() {
        assertThat(new TableName("my-db", "trades.v2").sql()).isEqualTo("`my-db`.`trades.v2`");
        assertThat(TableName.quoted("we`ird\\")).isEqualTo("`we\\`ird\\\\`");
        assertThat(TableName.literal("it's")).isEqualTo("'it\\'s'");
    }

    @Test
    void emptyPartsAreRefused() {
        assertThatThrownBy(() -> TableName.parse(".trades"))
                .hasMessage("'.trades' is not a table name of the form TABLE or DB.TABLE");
        assertThatThrownBy(() -> TableName.parse("db.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableName.parse(" ")).hasMessage("a table name is required, as TABLE or DB.TABLE");
    }
}
