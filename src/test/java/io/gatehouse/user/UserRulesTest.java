package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice.B", "_svc", "a b-c_d.e", "x"})
    void nameWhenWellFormedThenAccepted(String name) {
        assertThat(UserRules.name(name, 32)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1alice", " alice", "al!ce", "ali/ce", "élodie"})
    void nameWhenMalformedThen1101(String name) {
        assertThatThrownBy(() -> UserRules.name(name, 32)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo("1101");
    }

    @Test
    void nameWhenOverTheLimitOfTheApiThen1101() {
        assertThat(UserRules.name("a".repeat(32), 32)).hasSize(32);
        assertThatThrownBy(() -> UserRules.name("a".repeat(33), 32)).isInstanceOf(ApiException.class);
        assertThat(UserRules.name("a".repeat(64), 64)).hasSize(64);
    }

    @Test
    void emailWhenEmptyThenCleared() {
        assertThat(UserRules.email("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a@b", "a@@b.com", "a b@c.com", "@example.com", "a@.com"})
    void emailWhenMalformedThen1102(String email) {
        assertThatThrownBy(() -> UserRules.email(email)).extracting(e -> ((ApiException) e).code()).isEqualTo("1102");
    }

    @Test
    void emailWhenOver255Then1102() {
        String email = "a".repeat(250) + "@x.com";
        assertThatThrownBy(() -> UserRules.email(email)).extracting(e -> ((ApiException) e).code()).isEqualTo("1102");
    }

    @Test
    void mobileWhenOnlyOneHalfSentThen1106() {
        assertThatThrownBy(() -> UserRules.mobile("0086", null)).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1106");
        assertThatThrownBy(() -> UserRules.mobile(null, "123")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1106");
        assertThatThrownBy(() -> UserRules.mobile("0086", "")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1106");
    }

    @Test
    void mobileWhenNotDigitsOrTooLongThen1104() {
        assertThatThrownBy(() -> UserRules.mobile("0086", "12a")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1104");
        assertThatThrownBy(() -> UserRules.mobile("0086", "1".repeat(33))).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1104");
        assertThat(UserRules.mobile("0086", "1".repeat(32)).phone()).hasSize(32);
    }

    @Test
    void mobileWhenBothEmptyThenCleared() {
        assertThat(UserRules.mobile("", "")).isEqualTo(UserRules.Mobile.NONE);
    }

    @Test
    void selfServiceMobileWhenCountryCodeDashNumberThenSplit() {
        UserRules.Mobile m = UserRules.mobile("0086-13812345678");
        assertThat(m.areacode()).isEqualTo("0086");
        assertThat(m.phone()).isEqualTo("13812345678");
        assertThatThrownBy(() -> UserRules.mobile("13812345678")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1104");
    }

    @Test
    void descriptionWhenMarkupOrTooLongThen1117() {
        assertThat(UserRules.description("Team lead, on-call")).isEqualTo("Team lead, on-call");
        assertThatThrownBy(() -> UserRules.description("<script>")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1117");
        assertThatThrownBy(() -> UserRules.description("d".repeat(256))).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1117");
    }

    @Test
    void accessModeWhenUnknownThen1120() {
        assertThat(UserRules.accessMode("programmatic")).isEqualTo(AccessMode.PROGRAMMATIC);
        assertThatThrownBy(() -> UserRules.accessMode("Console")).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1120");
    }

    @Test
    void externalIdWhenHalfSentThen1100AndBothEmptyClears() {
        assertThatThrownBy(() -> UserRules.externalId("TenantIdp", null)).extracting(e -> ((ApiException) e).code())
                .isEqualTo("1100");
        assertThat(UserRules.externalId("", "")).isEqualTo(UserRules.ExternalId.NONE);
        assertThatThrownBy(() -> UserRules.externalId("t".repeat(65), "x")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.externalId("t", "x".repeat(129))).isInstanceOf(ApiException.class);
    }
}
