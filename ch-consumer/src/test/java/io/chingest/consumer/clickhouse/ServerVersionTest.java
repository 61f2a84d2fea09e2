package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.ServerTypeSupport;
import org.junit.jupiter.api.Test;

/** Reading and comparing server versions. */
class ServerVersionTest {

    @Test
    void readsOldAndNewVersionStrings() {
        assertThat(ServerVersion.parse("18.16.1\n")).isEqualTo(new ServerVersion(18, 16, 1, "18.16.1"));
        assertThat(ServerVersion.parse("24.3.2.23")).isEqualTo(new ServerVersion(24, 3, 2, "24.3.2.23"));
    }

    @Test
    void comparesByNumbers() {
        ServerVersion old = ServerVersion.parse("18.16.1");
        assertThat(old.isAtLeast(18, 16)).isTrue();
        assertThat(old.isAtLeast(22, 1)).isFalse();
        assertThat(ServerVersion.parse("22.10.1").isAtLeast(22, 1)).isTrue();
        assertThat(ServerVersion.parse("22.10.1")).isGreaterThan(ServerVersion.parse("22.9.7"));
    }

    @Test
    void refusesTextThatIsNoVersion() {
        assertThatThrownBy(() -> ServerVersion.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerVersion.parse("Code: 516")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newerColumnTypesAreSwitchedOnByVersion() {
        assertThat(ServerVersion.parse("18.16.1").typeSupport()).isEqualTo(ServerTypeSupport.NONE);
        assertThat(ServerVersion.parse("20.1.2.4").typeSupport()).isEqualTo(new ServerTypeSupport(true, false, false));
        assertThat(ServerVersion.parse("21.8.15.7").typeSupport()).isEqualTo(new ServerTypeSupport(true, false, true));
        assertThat(ServerVersion.parse("22.1.3.7").typeSupport()).isEqualTo(ServerTypeSupport.ALL);
        assertThat(ServerVersion.parse("25.3.2.39").typeSupport()).isEqualTo(ServerTypeSupport.ALL);
    }
}
