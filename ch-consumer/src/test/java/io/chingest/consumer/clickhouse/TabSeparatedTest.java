package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading TabSeparated answers. */
class TabSeparatedTest {

    @Test
    void splitsRowsAndFieldsAndUnescapes() {
        assertThat(TabSeparated.rows("a\tb\\tc\n\\\\x\t\\n\\'q\\'\n"))
                .containsExactly(List.of("a", "b\tc"), List.of("\\x", "\n'q'"));
    }

    @Test
    void keepsEmptyFields() {
        assertThat(TabSeparated.rows("a\t\t\n")).containsExactly(List.of("a", "", ""));
    }

    @Test
    void emptyAnswerHasNoRows() {
        assertThat(TabSeparated.rows("")).isEmpty();
    }
}
