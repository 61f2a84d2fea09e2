package io.chingest.consumer.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading DESCRIBE TABLE output into insertable columns. */
class DescribedColumnsTest {

    /** DESCRIBE TABLE ... FORMAT TabSeparated as ClickHouse 18.16 answers it (escaped quotes included). */
    private static final String DESCRIBED = String.join("\n",
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
    void readsInsertableColumnsInTableOrder() {
        List<TableColumn> columns = ClickHouseTargetTable.describedColumns(DESCRIBED);
        assertThat(columns).extracting(TableColumn::name).containsExactly("a", "b", "e", "h", "we ird", "tab\tname", "en", "t");
        assertThat(columns).extracting(TableColumn::typeSql)
                .containsExactly("Decimal(9, 2)", "Nullable(Decimal(38, 10))", "DateTime('UTC')", "Int64", "String", "UInt32",
                        "Enum8('it\\'s' = 1, 'b' = -2)", "Tuple(Int32, String)");
        assertThat(columns.get(2).type()).isPresent();
        assertThat(columns.get(5).type()).isPresent();
        assertThat(columns.get(6).type().orElseThrow().enumValues()).containsExactly(entry("it's", 1), entry("b", -2));
        assertThat(columns.get(7).type()).isEmpty();
    }
}
