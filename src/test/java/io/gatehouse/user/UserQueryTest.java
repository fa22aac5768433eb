package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void passwordExpiryWhenOperatorAndTimeThenParsedInUtc() {
        var expiry = UserQuery.PasswordExpiry.parse("lte:2026-01-02T03:04:05Z");
        assertThat(expiry.operator()).isEqualTo(UserQuery.Operator.LTE);
        assertThat(expiry.at()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(UserQuery.PasswordExpiry.parse("gt:2026-01-02T03:04:05-05:00").at())
                .isEqualTo(Instant.parse("2026-01-02T08:04:05Z"));
        assertThat(UserQuery.PasswordExpiry.parse("2026-01-02T03:04:05").operator()).isEqualTo(UserQuery.Operator.EQ);
    }

    @Test
    void passwordExpiryWhenUnknownOperatorOrBadTimeThen400() {
        assertThatThrownBy(() -> UserQuery.PasswordExpiry.parse("about:2026-01-02T03:04:05Z"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserQuery.PasswordExpiry.parse("lt:yesterday")).isInstanceOf(ApiException.class);
    }
}
