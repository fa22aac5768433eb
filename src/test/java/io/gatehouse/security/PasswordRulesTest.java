package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.error.ApiException;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private static final PasswordOwner NOBODY = PasswordOwner.newUser(null, null, null);

    private static PasswordPolicy policy(int kinds, int minLength, int maxRun, boolean notName) {
        return new PasswordPolicy(kinds, minLength, maxRun, 1, notName, 0, 0);
    }

    @Test
    void checkWhenDefaultPolicyAndTooShortThenWeak1118() {
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "Ab1defg", NOBODY))
                .isInstanceOf(ApiException.class).hasMessageContaining("at least 8")
                .extracting(e -> ((ApiException) e).code()).isEqualTo("1118");
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "Ab1defgh", NOBODY)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenMinimumLength12ThenElevenRefusedTwelveAccepted() {
        PasswordPolicy p = policy(2, 12, 0, true);
        assertThatThrownBy(() -> PasswordRules.check(p, "abcdefghij1", NOBODY)).hasMessageContaining("at least 12");
        assertThatCode(() -> PasswordRules.check(p, "abcdefghijk1", NOBODY)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenUpTo128ThenAcceptedAndOverThenWeak() {
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "a1".repeat(64), NOBODY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "a1".repeat(64) + "x", NOBODY))
                .hasMessageContaining("at most 128");
    }

    @Test
    void checkWhenFewerKindsThanCombinationThenWeak() {
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "abcdefghijkl", NOBODY))
                .hasMessageContaining("at least 2 of");
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "abcdefgh1", NOBODY)).doesNotThrowAnyException();
        PasswordPolicy three = policy(3, 8, 0, true);
        assertThatThrownBy(() -> PasswordRules.check(three, "abcdefgh1", NOBODY)).hasMessageContaining("at least 3 of");
        assertThatCode(() -> PasswordRules.check(three, "abcdefgH1", NOBODY)).doesNotThrowAnyException();
        PasswordPolicy four = policy(4, 8, 0, true);
        assertThatThrownBy(() -> PasswordRules.check(four, "abcdefgH1", NOBODY)).hasMessageContaining("at least 4 of");
        assertThatCode(() -> PasswordRules.check(four, "abcdefgH1!", NOBODY)).doesNotThrowAnyException();
    }

    @Test
    void checkWhenControlCharacterThenWeak() {
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "abcdefg1\n", NOBODY))
                .hasMessageContaining("control");
    }

    @Test
    void checkWhenRunLongerThanMaximumThenWeak() {
        PasswordPolicy p = policy(2, 8, 2, true);
        assertThatThrownBy(() -> PasswordRules.check(p, "abcccdef1", NOBODY)).hasMessageContaining("more than 2 times");
        assertThatCode(() -> PasswordRules.check(p, "abccdeff1", NOBODY)).doesNotThrowAnyException();
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "aaaaaaaa1", NOBODY)).doesNotThrowAnyException();
    }

    @Test
    void longestRunWhenSurrogatePairsThenCountsCodePoints() {
        assertThat(PasswordRules.longestRun("")).isZero();
        assertThat(PasswordRules.longestRun("ab")).isEqualTo(1);
        assertThat(PasswordRules.longestRun("a\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00b")).isEqualTo(3);
    }

    @Test
    void checkWhenUserNameOrReversedThenWeakUnlessRuleOff() {
        PasswordOwner alice = PasswordOwner.newUser("Alice_2024", null, null);
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "alice_2024", alice))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "4202_ecilA", alice))
                .hasMessageContaining("user name");
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "Alice_2024!", alice))
                .doesNotThrowAnyException();
        assertThatCode(() -> PasswordRules.check(policy(2, 8, 0, false), "Alice_2024", alice))
                .doesNotThrowAnyException();
    }

    @Test
    void checkWhenContainsEmailOrPhoneThenWeak() {
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "X-Alice@Example.com1",
                PasswordOwner.newUser("u", "alice@example.com", null))).hasMessageContaining("email");
        assertThatThrownBy(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "pw13800000000",
                PasswordOwner.newUser("u", null, "13800000000"))).hasMessageContaining("mobile");
        assertThatCode(() -> PasswordRules.check(PasswordPolicy.DEFAULT, "pw1380000000",
                PasswordOwner.newUser("u", "alice@example.com", "13800000000"))).doesNotThrowAnyException();
    }
}
