package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The password policy as a resource: {@code /v3.0/OS-SECURITYPOLICY/domains/{domain_id}/password-policy}
 * (fields, ranges, partial updates, who may read and change it, the operation log) and Keystone's
 * read-only {@code /v3/domains/{domain_id}/config/security_compliance}.
 */
class PasswordPolicyIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    // ---- GET and PUT ----------------------------------------------------------------------------

    @Test
    void showWhenNeverChangedThenDefaultsWithReadOnlyFields() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = api.get(path(a), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().propertyNames()).containsExactly("password_policy");
        JsonNode p = r.json().get("password_policy");
        assertThat(p.propertyNames()).containsExactlyInAnyOrder("password_char_combination",
                "minimum_password_length", "maximum_consecutive_identical_chars",
                "number_of_recent_passwords_disallowed", "password_not_username_or_invert",
                "password_validity_period", "minimum_password_age", "maximum_password_length",
                "password_requirements");
        assertThat(p.get("password_char_combination").asInt()).isEqualTo(2);
        assertThat(p.get("minimum_password_length").asInt()).isEqualTo(8);
        assertThat(p.get("maximum_consecutive_identical_chars").asInt()).isZero();
        assertThat(p.get("number_of_recent_passwords_disallowed").asInt()).isEqualTo(1);
        assertThat(p.get("password_not_username_or_invert").asBoolean()).isTrue();
        assertThat(p.get("password_validity_period").asInt()).isZero();
        assertThat(p.get("minimum_password_age").asInt()).isZero();
        assertThat(p.get("maximum_password_length").asInt()).isEqualTo(128);
        assertThat(p.get("minimum_password_length").isInt()).isTrue();
        assertThat(p.get("password_requirements").asString()).contains("8 to 128 characters", "at least 2 of");
    }

    @Test
    void updateWhenOneFieldSentThenOnlyItChangesAndShowAgrees() {
        TestAccount a = fixtures.newAccount();

        Api.Response first = api.put(path(a), a.adminToken(), policy("minimum_password_length", 12));
        Api.Response second = api.put(path(a), a.adminToken(), policy("password_char_combination", 3));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("password_policy").get("minimum_password_length").asInt()).isEqualTo(12);
        assertThat(first.json().get("password_policy").get("password_char_combination").asInt()).isEqualTo(2);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        JsonNode p = second.json().get("password_policy");
        assertThat(p.get("minimum_password_length").asInt()).isEqualTo(12);
        assertThat(p.get("password_char_combination").asInt()).isEqualTo(3);
        assertThat(p.get("number_of_recent_passwords_disallowed").asInt()).isEqualTo(1);
        assertThat(p.get("password_requirements").asString()).contains("12 to 128 characters", "at least 3 of");
        assertThat(api.get(path(a), a.adminToken()).json()).isEqualTo(second.json());
    }

    @Test
    void updateWhenEveryFieldSentThenAllStored() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("password_char_combination", 4);
        all.put("minimum_password_length", 20);
        all.put("maximum_consecutive_identical_chars", 3);
        all.put("number_of_recent_passwords_disallowed", 24);
        all.put("password_not_username_or_invert", false);
        all.put("password_validity_period", 180);
        all.put("minimum_password_age", 1440);

        Api.Response r = api.put(path(a), a.adminToken(), Map.of("password_policy", all));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode shown = api.get(path(a), a.adminToken()).json().get("password_policy");
        all.forEach((field, value) -> assertThat(shown.get(field).toString()).as(field).isEqualTo(value.toString()));
        assertThat(shown.get("password_requirements").asString())
                .contains("20 to 128", "at least 4 of", "more than 3 times", "last 24 passwords", "180 days",
                        "every 1440 minutes")
                .doesNotContain("user name");
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("password_char_combination", 2, 4),
                Arguments.of("minimum_password_length", 8, 32),
                Arguments.of("maximum_consecutive_identical_chars", 0, 32),
                Arguments.of("number_of_recent_passwords_disallowed", 0, 24),
                Arguments.of("password_validity_period", 0, 180),
                Arguments.of("minimum_password_age", 0, 1440));
    }

    @ParameterizedTest(name = "{0}: {1} to {2}")
    @MethodSource("ranges")
    void updateWhenValueBelowAtOrAboveEitherEndThen400Or200(String field, int min, int max) {
        TestAccount a = fixtures.newAccount();
        String before = api.get(path(a), a.adminToken()).text();

        Api.Response below = api.put(path(a), a.adminToken(), policy(field, min - 1));
        Api.Response above = api.put(path(a), a.adminToken(), policy(field, max + 1));
        String afterRefusals = api.get(path(a), a.adminToken()).text();
        Api.Response atMin = api.put(path(a), a.adminToken(), policy(field, min));
        int shownMin = api.get(path(a), a.adminToken()).json().get("password_policy").get(field).asInt();
        Api.Response atMax = api.put(path(a), a.adminToken(), policy(field, max));
        int shownMax = api.get(path(a), a.adminToken()).json().get("password_policy").get(field).asInt();

        assertRefused(below, 400, "IAM.0073");
        assertRefused(above, 400, "IAM.0073");
        assertThat(below.json().get("error_msg").asString()).contains("password_policy." + field)
                .contains("from " + min + " to " + max);
        assertThat(afterRefusals).isEqualTo(before);
        assertThat(atMin.status()).as(atMin.toString()).isEqualTo(200);
        assertThat(shownMin).isEqualTo(min);
        assertThat(atMax.status()).as(atMax.toString()).isEqualTo(200);
        assertThat(shownMax).isEqualTo(max);
    }

    @Test
    void updateWhenUsernameRuleSwitchedThen200AndWhenNotBooleanThen400() {
        TestAccount a = fixtures.newAccount();

        Api.Response off = api.put(path(a), a.adminToken(), policy("password_not_username_or_invert", false));
        boolean shownOff = field(a, "password_not_username_or_invert").asBoolean();
        Api.Response on = api.put(path(a), a.adminToken(), policy("password_not_username_or_invert", true));
        boolean shownOn = field(a, "password_not_username_or_invert").asBoolean();
        Api.Response text = api.put(path(a), a.adminToken(), policy("password_not_username_or_invert", "false"));
        Api.Response number = api.put(path(a), a.adminToken(), policy("password_not_username_or_invert", 0));

        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(shownOff).isFalse();
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(shownOn).isTrue();
        assertRefused(text, 400, "IAM.0073");
        assertRefused(number, 400, "IAM.0073");
        assertThat(field(a, "password_not_username_or_invert").asBoolean()).isTrue();
    }

    @Test
    void updateWhenNumberAsTextOrFractionThen400Iam0073AndUnchanged() {
        TestAccount a = fixtures.newAccount();

        Api.Response text = api.put(path(a), a.adminToken(), policy("minimum_password_length", "12"));
        Api.Response fraction = api.put(path(a), a.adminToken(), "{\"password_policy\":{\"minimum_password_length\":12.5}}");
        Api.Response wholeFraction = api.put(path(a), a.adminToken(),
                "{\"password_policy\":{\"minimum_password_length\":12.0}}");
        Api.Response huge = api.put(path(a), a.adminToken(),
                "{\"password_policy\":{\"minimum_password_length\":123456789012345678901234567890}}");

        assertRefused(text, 400, "IAM.0073");
        assertRefused(fraction, 400, "IAM.0073");
        assertRefused(wholeFraction, 400, "IAM.0073");
        assertRefused(huge, 400, "IAM.0073");
        assertThat(field(a, "minimum_password_length").asInt()).isEqualTo(8);
    }

    @Test
    void updateWhenOneFieldValidAndAnotherNotThenNothingChanges() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minimum_password_length", 16);
        body.put("password_validity_period", 181);

        Api.Response r = api.put(path(a), a.adminToken(), Map.of("password_policy", body));

        assertRefused(r, 400, "IAM.0073");
        assertThat(r.json().get("error_msg").asString()).contains("password_validity_period");
        assertThat(field(a, "minimum_password_length").asInt()).isEqualTo(8);
    }

    @Test
    void updateWhenMinimumAgeNotShorterThanValidityThen400() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password_validity_period", 1);
        body.put("minimum_password_age", 1440);

        Api.Response r = api.put(path(a), a.adminToken(), Map.of("password_policy", body));

        assertRefused(r, 400, "IAM.0073");
        assertThat(r.json().get("error_msg").asString()).contains("minimum_password_age");
        assertThat(field(a, "password_validity_period").asInt()).isZero();
    }

    @Test
    void updateWhenUnknownOrReadOnlyMemberThen400Iam0007() {
        TestAccount a = fixtures.newAccount();

        Api.Response unknown = api.put(path(a), a.adminToken(), policy("password_min", 9));
        Api.Response readOnly = api.put(path(a), a.adminToken(), policy("maximum_password_length", 64));

        assertRefused(unknown, 400, "IAM.0007");
        assertRefused(readOnly, 400, "IAM.0007");
        assertThat(field(a, "maximum_password_length").asInt()).isEqualTo(128);
    }

    @Test
    void updateWhenBodyLacksPasswordPolicyThen400Iam0072() {
        TestAccount a = fixtures.newAccount();

        assertRefused(api.put(path(a), a.adminToken(), "{}"), 400, "IAM.0072");
    }

    @Test
    void updateWhenEmptyPolicyThen200AndNothingChanges() {
        TestAccount a = fixtures.newAccount();
        String before = api.get(path(a), a.adminToken()).text();

        Api.Response r = api.put(path(a), a.adminToken(), Map.of("password_policy", Map.of()));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(before);
    }

    @Test
    void updateWhenSucceededOrRefusedThenOperationLogged() {
        TestAccount a = fixtures.newAccount();

        api.put(path(a), a.adminToken(), policy("minimum_password_length", 10));
        api.put(path(a), a.adminToken(), policy("minimum_password_length", 7));

        List<Map<String, Object>> rows = afterSealing(jdbc).sql("""
                SELECT * FROM operation_log WHERE domain_id = :d AND operation LIKE 'iam:securitypolicies:%' ORDER BY id""")
                .param("d", a.id()).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("operation") + " " + r.get("result") + " " + r.get("error_code"))
                .containsExactly("iam:securitypolicies:updatePasswordPolicy success null",
                        "iam:securitypolicies:updatePasswordPolicy failure IAM.0073");
        assertThat(rows.get(0).get("resource_type")).isEqualTo("password_policy");
        assertThat(rows.get(0).get("resource_id")).isEqualTo(a.id());
        assertThat(rows.get(0).get("actor_id")).isEqualTo(a.ownerId());
    }

    // ---- who may read and change it -------------------------------------------------------------

    @Test
    void showOrUpdateWhenPlainUserThen403Iam0003AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        String token = fixtures.token(fixtures.newUser(a));

        Api.Response shown = api.get(path(a), token);
        Api.Response updated = api.put(path(a), token, policy("minimum_password_length", 20));

        assertRefused(shown, 403, "IAM.0003");
        assertThat(shown.json().get("error_msg").asString()).contains("iam:securitypolicies:getPasswordPolicy");
        assertRefused(updated, 403, "IAM.0003");
        assertThat(updated.json().get("error_msg").asString()).contains("iam:securitypolicies:updatePasswordPolicy");
        assertThat(field(a, "minimum_password_length").asInt()).isEqualTo(8);
    }

    @Test
    void showOrUpdateWhenAnotherAccountsAdminThen404Iam0004AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();

        Api.Response shown = api.get(path(a), b.adminToken());
        Api.Response updated = api.put(path(a), b.adminToken(), policy("minimum_password_length", 20));

        assertRefused(shown, 404, "IAM.0004");
        assertRefused(updated, 404, "IAM.0004");
        assertThat(field(a, "minimum_password_length").asInt()).isEqualTo(8);
        assertThat(field(b, "minimum_password_length").asInt()).isEqualTo(8);
    }

    @Test
    void showOrUpdateWhenUnknownDomainThen404Iam0004() {
        TestAccount a = fixtures.newAccount();
        String unknown = "/v3.0/OS-SECURITYPOLICY/domains/" + "0".repeat(32) + "/password-policy";

        assertRefused(api.get(unknown, a.adminToken()), 404, "IAM.0004");
        assertRefused(api.put(unknown, a.adminToken(), policy("minimum_password_length", 20)), 404, "IAM.0004");
    }

    @Test
    void showOrUpdateWhenNoTokenThen401() {
        TestAccount a = fixtures.newAccount();

        assertRefused(api.get(path(a), null), 401, "IAM.0001");
        assertRefused(api.put(path(a), null, policy("minimum_password_length", 20)), 401, "IAM.0001");
        assertThat(field(a, "minimum_password_length").asInt()).isEqualTo(8);
    }

    // ---- Keystone's security_compliance --------------------------------------------------------

    @Test
    void securityComplianceWhenPlainUserReadsOwnAccountThenRegexAndDescriptionOfThePolicy() {
        TestAccount a = fixtures.newAccount();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minimum_password_length", 12);
        body.put("password_char_combination", 3);
        assertThat(api.put(path(a), a.adminToken(), Map.of("password_policy", body)).status()).isEqualTo(200);
        String token = fixtures.token(fixtures.newUser(a));

        Api.Response r = api.get(compliance(a.id()), token);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().propertyNames()).containsExactly("config");
        assertThat(r.json().get("config").propertyNames()).containsExactly("security_compliance");
        JsonNode c = r.json().get("config").get("security_compliance");
        assertThat(c.propertyNames()).containsExactlyInAnyOrder("password_regex", "password_regex_description");
        Pattern regex = Pattern.compile(c.get("password_regex").asString());
        assertThat(regex.matcher("abcdefGH12xy").matches()).isTrue();
        assertThat(regex.matcher("abcdefgh12xy").matches()).isFalse();
        assertThat(regex.matcher("abcdeGH12xy").matches()).isFalse();
        assertThat(c.get("password_regex_description").asString()).contains("12 to 128", "at least 3 of");
    }

    @Test
    void securityComplianceOptionWhenEachOptionThenOnlyThatOption() {
        TestAccount a = fixtures.newAccount();
        String token = fixtures.token(fixtures.newUser(a));
        JsonNode whole = api.get(compliance(a.id()), token).json().get("config").get("security_compliance");

        Api.Response regex = api.get(compliance(a.id()) + "/password_regex", token);
        Api.Response description = api.get(compliance(a.id()) + "/password_regex_description", token);
        Api.Response unknown = api.get(compliance(a.id()) + "/lockout_duration", token);

        assertThat(regex.status()).as(regex.toString()).isEqualTo(200);
        assertThat(regex.json().get("config").propertyNames()).containsExactly("password_regex");
        assertThat(regex.json().get("config").get("password_regex")).isEqualTo(whole.get("password_regex"));
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.json().get("config").propertyNames()).containsExactly("password_regex_description");
        assertThat(description.json().get("config").get("password_regex_description"))
                .isEqualTo(whole.get("password_regex_description"));
        assertRefused(unknown, 404, "IAM.0004");
    }

    @Test
    void securityComplianceWhenAnotherAccountThen404AndWhenNoTokenThen401() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();

        assertRefused(api.get(compliance(a.id()), b.adminToken()), 404, "IAM.0004");
        assertRefused(api.get(compliance(a.id()) + "/password_regex", b.adminToken()), 404, "IAM.0004");
        assertRefused(api.get(compliance(a.id()), null), 401, "IAM.0001");
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String path(TestAccount a) {
        return "/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/password-policy";
    }

    private static String compliance(String domainId) {
        return "/v3/domains/" + domainId + "/config/security_compliance";
    }

    static Map<String, Object> policy(String field, Object value) {
        return Map.of("password_policy", Map.of(field, value));
    }

    private JsonNode field(TestAccount a, String field) {
        return api.get(path(a), a.adminToken()).json().get("password_policy").get(field);
    }

    static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
