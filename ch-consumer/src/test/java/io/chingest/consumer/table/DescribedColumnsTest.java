package io.chingest.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading DESCRIBE TABLE output into columns, insertable or computed, with their default kinds. */
class DescribedColumnsTest {

    /** DESCRIBE TABLE ... FORMAT TabSeparated as ClickHouse 18.16 answers it (escaped quotes included). */
    private static final String DESCRIBED = String.join(
            "\n",
            "a\tDecimal(9, 2)\t\t\t",
            "b\tNullable(Decimal(38, 10))\t\t\t",
            "e\tDateTime(\\'UTC\\')\t\t\t",
            "h\tInt64\tDEFAULT\tCAST(3, \\'Int64\\')\t",
            "we ird\tString\t\t\t",
            "m\tString\tMATERIALIZED\t\\'x\\'\t",
            "al\tInt64\tALIAS\th\t",
            "tab\\tname\tUInt32\t\t\t",
            "en\tEnum8(\\'it\\\\\\'s\\' = 1, \\'b\\' = -2)\t\t\t",
            "t\tTuple(Int32, String)\t\t\t",
            "");

    @Test
    void readsEveryColumnInTableOrderAndMarksTheComputedOnesAsNotInsertable() {
        List<TableColumn> columns = ClickHouseTargetTable.describedColumns(DESCRIBED);
        assertThat(columns)
                .extracting(TableColumn::name)
                .containsExactly("a", "b", "e", "h", "we ird", "m", "al", "tab\tname", "en", "t");
        assertThat(columns)
                .extracting(TableColumn::typeSql)
                .containsExactly(
                        "Decimal(9, 2)",
                        "Nullable(Decimal(38, 10))",
                        "DateTime('UTC')",
                        "Int64",
                        "String",
                        "String",
                        "Int64",
                        "UInt32",
                        "Enum8('it\\'s' = 1, 'b' = -2)",
                        "Tuple(Int32, String)");
        assertThat(columns)
                .extracting(TableColumn::defaultKind)
                .containsExactly("", "", "", "DEFAULT", "", "MATERIALIZED", "ALIAS", "", "", "");
        assertThat(columns)
                .filteredOn(TableColumn::insertable)
                .extracting(TableColumn::name)
                .containsExactly("a", "b", "e", "h", "we ird", "tab\tname", "en", "t");
        assertThat(columns.get(2).type()).isPresent();
        assertThat(columns.get(7).type()).isPresent();
        assertThat(columns.get(8).type().orElseThrow().enumValues()).containsExactly(entry("it's", 1), entry("b", -2));
        assertThat(columns.get(9).type()).isEmpty();
    }

    @Test
    void onlyANullableColumnWithoutDefaultExpressionDefaultsToNull() {
        assertThat(TableColumn.of("n", "Nullable(String)").defaultsToNull()).isTrue();
        assertThat(TableColumn.of("n", "Nullable(Int32)", "DEFAULT").defaultsToNull())
                .isFalse();
        assertThat(TableColumn.of("n", "String").defaultsToNull()).isFalse();
        assertThat(TableColumn.of("n", "LowCardinality(Nullable(String))").defaultsToNull())
                .isFalse();
    }
}
