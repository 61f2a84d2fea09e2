package io.chingest.producer.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BadRowLimitTest {

    @Test
    void aCountIsPassedByOneMoreBadRow() {
        BadRowLimit limit = BadRowLimit.parse("2");

        assertThat(limit.exceededWhileReading(2, 3)).isFalse();
        assertThat(limit.exceededWhileReading(3, 3)).isTrue();
        assertThat(limit.exceededAtEnd(2, 2)).isFalse();
        assertThat(limit.describeExceeded(3, 3)).isEqualTo("more than 2 bad rows (--max-bad-rows)");
    }

    @Test
    void aRatioWaitsForEnoughRowsWhileReadingAndJudgesTheWholeFileAtTheEnd() {
        BadRowLimit limit = BadRowLimit.parse("1%");

        assertThat(limit.exceededWhileReading(5, 10)).isFalse();
        assertThat(limit.exceededWhileReading(10, 1000)).isFalse();
        assertThat(limit.exceededWhileReading(11, 1000)).isTrue();
        assertThat(limit.exceededAtEnd(1, 100)).isFalse();
        assertThat(limit.exceededAtEnd(2, 100)).isTrue();
        assertThat(limit.exceededAtEnd(0, 0)).isFalse();
        assertThat(BadRowLimit.parse("0.5 %").exceededAtEnd(1, 100)).isTrue();
        assertThat(limit.describeExceeded(2, 100))
                .isEqualTo("more than 1% of the rows are bad (2 of 100 rows read;" + " --max-bad-rows)");
    }

    @Test
    void unlimitedIsNeverExceeded() {
        assertThat(BadRowLimit.parse("Unlimited").exceededAtEnd(1000, 1000)).isFalse();
        assertThat(BadRowLimit.NONE.exceededWhileReading(Long.MAX_VALUE, Long.MAX_VALUE))
                .isFalse();
    }

    @Test
    void textThatIsNotALimitIsRefusedSayingWhy() {
        assertThatThrownBy(() -> BadRowLimit.parse("-1")).hasMessage("'-1' is negative");
        assertThatThrownBy(() -> BadRowLimit.parse("101%")).hasMessage("'101%' is not a share between 0% and 100%");
        assertThatThrownBy(() -> BadRowLimit.parse("some"))
                .hasMessage("'some' is not a number of rows (100), a share" + " (1%) or unlimited");
    }
}
