package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseConnectionTest {

    @Test
    void aRefusedLoginIsKnownByItsCodeOrByTheAnswerOf1816() {
        assertThat(ClickHouseConnection.isAuthenticationFailure(516, "Authentication failed"))
                .isTrue();
        assertThat(ClickHouseConnection.isAuthenticationFailure(
                        0,
                        "Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() ="
                                + " DB::Exception (transport error: 401)"))
                .isTrue();
        assertThat(ClickHouseConnection.isAuthenticationFailure(0, "Code: 192, Unknown user nobody"))
                .isTrue();
    }

    @Test
    void anotherRefusalIsNoLoginFailure() {
        assertThat(ClickHouseConnection.isAuthenticationFailure(60, "Code: 60, Table default.t doesn't exist"))
                .isFalse();
        assertThat(ClickHouseConnection.isAuthenticationFailure(0, "Code: 1930, something else"))
                .isFalse();
    }
}
