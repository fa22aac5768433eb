package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field rules of IAM users on both APIs, each with its documented status and error code, and the
 * proof that a refused write wrote nothing: the user (or the account's user count) reads back unchanged.
 * Every response these tests receive is also checked for leaked passwords and hashes.
 */
class UserFieldsIT extends IntegrationTest {

    private static final String OS = "/v3.0/OS-USER/users";
    private static final String KS = "/v3/users";
    private static final String USER_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

    /** Passwords this class sends; none may ever come back in a response body. */
    private final List<String> sentPasswords = new ArrayList<>(List.of(Fixtures.USER_PASSWORD, Fixtures.OWNER_PASSWORD));

    // ---- name ---------------------------------------------------------------------------------

    @Test
    void createWhenNameEmptyThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", ""));

        assertRefused(r, 400, "1101");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenName33CharsOnOsUserThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String name = nameOfLength(33);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name));

        assertRefused(r, 400, "1101");
        assertThat(findByName(a, name)).isEmpty();
    }

    @Test
    void createWhenName32CharsOnOsUserThenCreated() {
        TestAccount a = fixtures.newAccount();
        String name = nameOfLength(32);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(findByName(a, name)).hasSize(1);
    }

    @Test
    void createWhenName64CharsOnKeystoneThenCreated() {
        TestAccount a = fixtures.newAccount();
        String name = nameOfLength(64);

        Api.Response r = post(KS, a.adminToken(), ksUser("name", name));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("user").get("name").asString()).isEqualTo(name);
        assertThat(findByName(a, name)).hasSize(1);
    }

    @Test
    void createWhenName65CharsOnKeystoneThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String name = nameOfLength(65);

        Api.Response r = post(KS, a.adminToken(), ksUser("name", name));

        assertRefused(r, 400, "1101");
        assertThat(findByName(a, name)).isEmpty();
    }

    @Test
    void createWhenNameStartsWithDigitThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String name = "1user-" + Fixtures.unique();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name));

        assertRefused(r, 400, "1101");
        assertThat(findByName(a, name)).isEmpty();
    }

    @Test
    void createWhenNameStartsWithSpaceThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String name = " user-" + Fixtures.unique();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name));

        assertRefused(r, 400, "1101");
        assertThat(findByName(a, name)).isEmpty();
    }

    @Test
    void createWhenNameHasInnerSpaceDotDashUnderscoreThenCreated() {
        TestAccount a = fixtures.newAccount();
        String name = "Al ice.B-o_b" + Fixtures.unique();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(findByName(a, name)).hasSize(1);
    }

    @Test
    void createWhenNameHasBadCharThen1101AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response star = post(OS, a.adminToken(), osUser(a, "name", "bad*name" + Fixtures.unique()));
        Api.Response at = post(OS, a.adminToken(), osUser(a, "name", "bad@name" + Fixtures.unique()));
        Api.Response ks = post(KS, a.adminToken(), ksUser("name", "bad/name" + Fixtures.unique()));

        assertRefused(star, 400, "1101");
        assertRefused(at, 400, "1101");
        assertRefused(ks, 400, "1101");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenNameTakenInSameAccountThen1109AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        TestUser existing = fixtures.newUser(a);
        int before = userCount(a);

        Api.Response os = post(OS, a.adminToken(), osUser(a, "name", existing.name()));
        Api.Response ks = post(KS, a.adminToken(), ksUser("name", existing.name()));

        assertRefused(os, 400, "1109");
        assertRefused(ks, 400, "1109");
        assertThat(userCount(a)).isEqualTo(before);
        assertThat(findByName(a, existing.name())).hasSize(1);
    }

    @Test
    void createWhenNameTakenInAnotherAccountThenCreated() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser inA = fixtures.newUser(a);

        Api.Response r = post(OS, b.adminToken(), osUser(b, "name", inA.name()));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(findByName(b, inA.name())).hasSize(1);
        assertThat(findByName(a, inA.name())).hasSize(1);
    }

    @Test
    void updateWhenName33CharsOnOsUserThen1101AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("name", nameOfLength(33)));

        assertRefused(r, 400, "1101");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenNameStartsWithDigitThen1101AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response os = put(OS + "/" + u.id(), a.adminToken(), body("name", "9lives"));
        Api.Response ks = patch(KS + "/" + u.id(), a.adminToken(), body("name", "9lives"));

        assertRefused(os, 400, "1101");
        assertRefused(ks, 400, "1101");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenNameTakenThen1109AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser other = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response os = put(OS + "/" + u.id(), a.adminToken(), body("name", other.name()));
        Api.Response ks = patch(KS + "/" + u.id(), a.adminToken(), body("name", "owner"));

        assertRefused(os, 400, "1109");
        assertRefused(ks, 400, "1109");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void patchWhenName64CharsOnKeystoneThenRenamed() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String name = nameOfLength(64);

        Api.Response r = patch(KS + "/" + u.id(), a.adminToken(), body("name", name));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(read(a, u.id()).get("name").asString()).isEqualTo(name);
    }

    // ---- password -----------------------------------------------------------------------------

    @Test
    void createWhenPassword7CharsThen1118AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "password", secret("Ab1-xyz")));

        assertRefused(r, 400, "1118");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPasswordOneCharacterKindThen1118AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response lower = post(OS, a.adminToken(), osUser(a, "password", secret("abcdefghijkl")));
        Api.Response digits = post(KS, a.adminToken(), ksUser("password", secret("123456789012")));

        assertRefused(lower, 400, "1118");
        assertRefused(digits, 400, "1118");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPassword129CharsThen1118AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "password", secret("Aa1-" + "x".repeat(125))));

        assertRefused(r, 400, "1118");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPassword128CharsThenCreatedAndSignsIn() {
        TestAccount a = fixtures.newAccount();
        String password = secret("Aa1-" + "x".repeat(124));
        String name = "long-" + Fixtures.unique();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name, "password", password));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(fixtures.signIn(a.name(), name, password).status()).isEqualTo(201);
    }

    @Test
    void createWhenPasswordContainsEmailThen1118AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String email = "mail-" + Fixtures.unique() + "@example.com";
        int before = userCount(a);

        Api.Response exact = post(OS, a.adminToken(), osUser(a, "email", email, "password", secret("Xy-" + email)));
        Api.Response otherCase = post(OS, a.adminToken(),
                osUser(a, "email", email, "password", secret("xy-" + email.toUpperCase())));

        assertRefused(exact, 400, "1118");
        assertRefused(otherCase, 400, "1118");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPasswordContainsPhoneThen1118AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(),
                osUser(a, "areacode", "0086", "phone", "13912345678", "password", secret("Pw-13912345678")));

        assertRefused(r, 400, "1118");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void updateWhenPasswordContainsStoredEmailThen1118AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        String email = "stored-" + Fixtures.unique() + "@example.com";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("password", secret("Q1-" + email)));

        assertRefused(r, 400, "1118");
        assertThat(read(a, u.id())).isEqualTo(before);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateWhenPasswordContainsStoredPhoneThen1118AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13711112222"));
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("password", secret("Pw-13711112222")));

        assertRefused(r, 400, "1118");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenPasswordIsCurrentOneThen1108AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        JsonNode before = read(a, u.id());

        Api.Response os = put(OS + "/" + u.id(), a.adminToken(), body("password", Fixtures.USER_PASSWORD));
        Api.Response ks = patch(KS + "/" + u.id(), a.adminToken(), body("password", Fixtures.USER_PASSWORD));

        assertRefused(os, 400, "1108");
        assertRefused(ks, 400, "1108");
        assertThat(read(a, u.id())).isEqualTo(before);
        // A refused password change revokes nothing.
        assertThat(get(OS + "/" + u.id(), token).status()).isEqualTo(200);
    }

    @Test
    void updateWhenPasswordWeakThen1118AndOldPasswordStillWorks() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response os = put(OS + "/" + u.id(), a.adminToken(), body("password", secret("short1A")));
        Api.Response ks = patch(KS + "/" + u.id(), a.adminToken(), body("password", secret("onlylowercase")));

        assertRefused(os, 400, "1118");
        assertRefused(ks, 400, "1118");
        assertThat(read(a, u.id())).isEqualTo(before);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateWhenPasswordChangedByAdminThenOldTokenFailsAndNewPasswordSignsIn() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        String password = secret("New-Pass-" + Fixtures.unique());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("password", password));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(get(OS + "/" + u.id(), token).status()).isEqualTo(401);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(401);
        assertThat(fixtures.signIn(a.name(), u.name(), password).status()).isEqualTo(201);
    }

    @Test
    void updateWhenPhoneClearedAndPasswordSetInSameRequestThenAccepted() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13622223333"));
        String password = secret("Fresh-Pass-" + Fixtures.unique());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(),
                body("areacode", "", "phone", "", "password", password));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode after = read(a, u.id());
        assertThat(after.get("phone").asString()).isEmpty();
        assertThat(after.get("areacode").asString()).isEmpty();
        assertThat(fixtures.signIn(a.name(), u.name(), password).status()).isEqualTo(201);
    }

    @Test
    void updateWhenEmailClearedAndPasswordSetInSameRequestThenAccepted() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "clear-" + Fixtures.unique() + "@example.com"));
        String password = secret("Fresh-Pass-" + Fixtures.unique());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("email", "", "password", password));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(read(a, u.id()).get("email").asString()).isEmpty();
        assertThat(fixtures.signIn(a.name(), u.name(), password).status()).isEqualTo(201);
    }

    // ---- email --------------------------------------------------------------------------------

    @Test
    void createWhenEmailMalformedThen1102AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response noAt = post(OS, a.adminToken(), osUser(a, "email", "not-an-email"));
        Api.Response noDomain = post(OS, a.adminToken(), osUser(a, "email", "someone@"));
        Api.Response space = post(OS, a.adminToken(), osUser(a, "email", "some one@example.com"));

        assertRefused(noAt, 400, "1102");
        assertRefused(noDomain, 400, "1102");
        assertRefused(space, 400, "1102");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenEmail256CharsThen1102AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String email = "a".repeat(244) + "@example.com";
        assertThat(email).hasSize(256);
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "email", email));

        assertRefused(r, 400, "1102");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenEmail255CharsThenCreated() {
        TestAccount a = fixtures.newAccount();
        String email = "a".repeat(243) + "@example.com";

        Api.Response r = post(OS, a.adminToken(), osUser(a, "email", email));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(read(a, r.json().get("user").get("id").asString()).get("email").asString()).isEqualTo(email);
    }

    @Test
    void createWhenEmailUsedByAnotherUserInOtherCaseThen1110AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String email = "Shared." + Fixtures.unique() + "@Example.com";
        fixtures.newUser(a, Map.of("email", email));
        int before = userCount(a);

        Api.Response same = post(OS, a.adminToken(), osUser(a, "email", email));
        Api.Response lower = post(OS, a.adminToken(), osUser(a, "email", email.toLowerCase()));

        assertRefused(same, 400, "1110");
        assertRefused(lower, 400, "1110");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenEmailUsedInAnotherAccountThenCreated() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        String email = "both-" + Fixtures.unique() + "@example.com";
        fixtures.newUser(a, Map.of("email", email));

        Api.Response r = post(OS, b.adminToken(), osUser(b, "email", email));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void updateWhenEmailUsedByAnotherUserInOtherCaseThen1110AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        String email = "taken-" + Fixtures.unique() + "@example.com";
        fixtures.newUser(a, Map.of("email", email));
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("email", email.toUpperCase()));

        assertRefused(r, 400, "1110");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenEmailMalformedThen1102AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "kept-" + Fixtures.unique() + "@example.com"));
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("email", "broken@@example.com"));

        assertRefused(r, 400, "1102");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenEmailEmptyThenCleared() {
        TestAccount a = fixtures.newAccount();
        String email = "gone-" + Fixtures.unique() + "@example.com";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        assertThat(read(a, u.id()).get("email").asString()).isEqualTo(email);

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("email", ""));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user").get("email").asString()).isEmpty();
        assertThat(read(a, u.id()).get("email").asString()).isEmpty();
        // The cleared address is free again.
        assertThat(post(OS, a.adminToken(), osUser(a, "email", email)).status()).isEqualTo(201);
    }

    // ---- areacode and phone -------------------------------------------------------------------

    @Test
    void createWhenOnlyAreacodeThen1106AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "areacode", "0086"));

        assertRefused(r, 400, "1106");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenOnlyPhoneThen1106AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "phone", "13800000000"));

        assertRefused(r, 400, "1106");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void updateWhenOnlyPhoneThen1106AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800001111"));
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("phone", "13800002222"));

        assertRefused(r, 400, "1106");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void createWhenPhoneNotDigitsThen1104AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response letters = post(OS, a.adminToken(), osUser(a, "areacode", "0086", "phone", "1380000abcd"));
        Api.Response dashed = post(OS, a.adminToken(), osUser(a, "areacode", "0086", "phone", "138-0000-0000"));

        assertRefused(letters, 400, "1104");
        assertRefused(dashed, 400, "1104");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPhone33DigitsThen1104AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "areacode", "0086", "phone", "1".repeat(33)));

        assertRefused(r, 400, "1104");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenPhone32DigitsThenCreated() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "areacode", "0086", "phone", "2".repeat(32)));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("user").get("phone").asString()).isEqualTo("2".repeat(32));
    }

    @Test
    void createWhenPhoneTakenThen1111AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13511112222"));
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "areacode", "0086", "phone", "13511112222"));

        assertRefused(r, 400, "1111");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void updateWhenPhoneTakenThen1111AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13511113333"));
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("areacode", "0086", "phone", "13511113333"));

        assertRefused(r, 400, "1111");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void createWhenAreacodeEmptyAndPhoneSetAsInSeedThenCreated() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "areacode", "", "phone", "12345678910"));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode user = read(a, r.json().get("user").get("id").asString());
        assertThat(user.get("areacode").asString()).isEmpty();
        assertThat(user.get("phone").asString()).isEqualTo("12345678910");
    }

    // ---- access_mode, xuser, description ------------------------------------------------------

    @Test
    void createWhenAccessModeInvalidThen1120AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response unknown = post(OS, a.adminToken(), osUser(a, "access_mode", "web"));
        Api.Response upper = post(OS, a.adminToken(), osUser(a, "access_mode", "CONSOLE"));

        assertRefused(unknown, 400, "1120");
        assertRefused(upper, 400, "1120");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void updateWhenAccessModeInvalidThen1120AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("access_mode", ""));

        assertRefused(r, 400, "1120");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void createWhenXuserTypeWithoutXuserIdThen1100AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response typeOnly = post(OS, a.adminToken(), osUser(a, "xuser_type", "TenantIdp"));
        Api.Response idOnly = post(OS, a.adminToken(), osUser(a, "xuser_id", "ext-" + Fixtures.unique()));

        assertRefused(typeOnly, 400, "1100");
        assertRefused(idOnly, 400, "1100");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenXuserPairTakenThen1113AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String xuserId = "ext-" + Fixtures.unique();
        fixtures.newUser(a, Map.of("xuser_type", "TenantIdp", "xuser_id", xuserId));
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "xuser_type", "TenantIdp", "xuser_id", xuserId));

        assertRefused(r, 400, "1113");
        assertThat(userCount(a)).isEqualTo(before);
        // The same external id under another type is another pair.
        assertThat(post(OS, a.adminToken(), osUser(a, "xuser_type", "OtherIdp", "xuser_id", xuserId)).status())
                .isEqualTo(201);
    }

    @Test
    void updateWhenXuserPairTakenThen1113AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        String xuserId = "ext-" + Fixtures.unique();
        fixtures.newUser(a, Map.of("xuser_type", "TenantIdp", "xuser_id", xuserId));
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("xuser_type", "TenantIdp", "xuser_id", xuserId));

        assertRefused(r, 400, "1113");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void createWhenDescriptionHasAngleBracketThen1117AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response os = post(OS, a.adminToken(), osUser(a, "description", "<script>alert(1)</script>"));
        Api.Response ks = post(KS, a.adminToken(), ksUser("description", "a < b"));

        assertRefused(os, 400, "1117");
        assertRefused(ks, 400, "1117");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenDescription256CharsThen1117AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "description", "d".repeat(256)));

        assertRefused(r, 400, "1117");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenDescription255CharsThenCreated() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "description", "d".repeat(255)));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("user").get("description").asString()).hasSize(255);
    }

    @Test
    void updateWhenDescriptionInvalidThen1117AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("description", "kept"));
        JsonNode before = read(a, u.id());

        Api.Response os = put(OS + "/" + u.id(), a.adminToken(), body("description", "x".repeat(256)));
        Api.Response ks = patch(KS + "/" + u.id(), a.adminToken(), body("description", "<b>"));

        assertRefused(os, 400, "1117");
        assertRefused(ks, 400, "1117");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    // ---- required fields and the account ------------------------------------------------------

    @Test
    void createWhenNameMissingOnOsUserThen1100AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        int before = userCount(a);

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", null));

        assertRefused(r, 400, "1100");
        assertThat(userCount(a)).isEqualTo(before);
    }

    @Test
    void createWhenDomainIdMissingOnOsUserThen1100AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        String name = "nodomain-" + Fixtures.unique();

        Api.Response r = post(OS, a.adminToken(), osUser(a, "name", name, "domain_id", null));

        assertRefused(r, 400, "1100");
        assertThat(findByName(a, name)).isEmpty();
    }

    @Test
    void createWhenDomainIdMissingOnKeystoneThenCreatedInCallersAccount() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = post(KS, a.adminToken(), ksUser());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("user").get("domain_id").asString()).isEqualTo(a.id());
    }

    @Test
    void createWhenDomainIdOfAnotherAccountThenIam0007AndNothingWritten() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        int beforeA = userCount(a);
        int beforeB = userCount(b);

        Api.Response os = post(OS, a.adminToken(), osUser(a, "domain_id", b.id()));
        Api.Response ks = post(KS, a.adminToken(), ksUser("domain_id", b.id()));

        assertRefused(os, 400, "IAM.0007");
        assertRefused(ks, 400, "IAM.0007");
        assertThat(userCount(a)).isEqualTo(beforeA);
        assertThat(userCount(b)).isEqualTo(beforeB);
    }

    @Test
    void patchWhenDomainIdOfAnotherAccountThenIam0007AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = patch(KS + "/" + u.id(), a.adminToken(), body("domain_id", b.id(), "description", "moved"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    @Test
    void updateWhenUserOfAnotherAccountThen404AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        TestUser inB = fixtures.newUser(b);
        JsonNode before = read(b, inB.id());

        Api.Response os = put(OS + "/" + inB.id(), a.adminToken(), body("description", "hijacked"));
        Api.Response ks = patch(KS + "/" + inB.id(), a.adminToken(), body("enabled", false));

        assertRefused(os, 404, "IAM.0004");
        assertRefused(ks, 404, "IAM.0004");
        assertThat(read(b, inB.id())).isEqualTo(before);
    }

    // ---- the seed example and the documented response -----------------------------------------

    @Test
    void updateWhenSeedExampleBodyThenOkWithEveryDocumentedField() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        sentPasswords.add("IAMPassword@");
        String seed = """
                {
                "user": {
                "email": "IAMEmail@huawei.com",
                "areacode": "",
                "phone": "12345678910",
                "enabled": true,
                "name": "IAMUser",
                "password": "IAMPassword@",
                "pwd_status": false,
                "xuser_type": "",
                "xuser_id": "",
                "access_mode" : "default",
                "description": "IAMDescription"
                }
                }""";

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), seed);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode user = r.json().get("user");
        assertThat(user.propertyNames()).contains("description", "areacode", "enabled", "pwd_status", "xuser_id",
                "access_mode", "domain_id", "phone", "name", "links", "id", "xuser_type", "email", "create_time",
                "is_domain_owner", "xdomain_id", "xdomain_type");
        assertThat(user.get("description").asString()).isEqualTo("IAMDescription");
        assertThat(user.get("areacode").asString()).isEmpty();
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(user.get("pwd_status").isBoolean()).isTrue();
        assertThat(user.get("pwd_status").asBoolean()).isFalse();
        assertThat(user.get("xuser_id").asString()).isEmpty();
        assertThat(user.get("xuser_type").asString()).isEmpty();
        assertThat(user.get("access_mode").asString()).isEqualTo("default");
        assertThat(user.get("domain_id").asString()).isEqualTo(a.id());
        assertThat(user.get("phone").asString()).isEqualTo("12345678910");
        assertThat(user.get("name").asString()).isEqualTo("IAMUser");
        assertThat(user.get("id").asString()).isEqualTo(u.id());
        assertThat(user.get("email").asString()).isEqualTo("IAMEmail@huawei.com");
        assertThat(user.get("create_time").asString()).matches(USER_TIME);
        assertThat(user.get("is_domain_owner").isBoolean()).isTrue();
        assertThat(user.get("is_domain_owner").asBoolean()).isFalse();
        assertThat(user.get("xdomain_id").isString()).isTrue();
        assertThat(user.get("xdomain_type").isString()).isTrue();
        assertThat(user.get("links").get("self").asString()).isEqualTo(api.base() + OS + "/" + u.id());
        // Documented as not returned when null, and no password policy sets an expiry here.
        assertThat(user.has("password_expires_at")).isFalse();
        assertThat(fixtures.signIn(a.name(), "IAMUser", "IAMPassword@").status()).isEqualTo(201);
        JsonNode stored = read(a, u.id());
        assertThat(stored.get("name").asString()).isEqualTo("IAMUser");
        assertThat(stored.get("email").asString()).isEqualTo("IAMEmail@huawei.com");
        assertThat(stored.get("description").asString()).isEqualTo("IAMDescription");
    }

    @Test
    void showWhenUserSignedInThenPasswordAndTimeFieldsFilled() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode fresh = read(a, u.id());
        assertThat(fresh.has("last_login_time")).isFalse();

        fixtures.token(u);
        Api.Response r = get(OS + "/" + u.id(), a.adminToken());

        assertThat(r.status()).isEqualTo(200);
        JsonNode user = r.json().get("user");
        assertThat(user.get("pwd_strength").asString()).isEqualTo("Strong");
        assertThat(user.get("pwd_status").asBoolean()).isFalse();
        for (String field : List.of("create_time", "update_time", "pwd_create_time", "modify_pwd_time",
                "last_login_time", "last_pwd_auth_time")) {
            assertThat(user.get(field)).as(field).isNotNull();
            assertThat(user.get(field).asString()).as(field).matches(USER_TIME);
        }
        assertThat(user.get("last_login_time").asString()).isGreaterThanOrEqualTo(user.get("create_time").asString());
        assertThat(user.get("is_domain_owner").asBoolean()).isFalse();
        assertThat(user.get("links").get("self").asString()).isEqualTo(api.base() + OS + "/" + u.id());
    }

    @Test
    void showWhenPasswordShortAndTwoKindsThenStrengthLow() {
        TestAccount a = fixtures.newAccount();
        String password = secret("qzvxkw47");

        Api.Response r = post(OS, a.adminToken(), osUser(a, "password", password));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(read(a, r.json().get("user").get("id").asString()).get("pwd_strength").asString()).isEqualTo("Low");
    }

    @Test
    void updateWhenOnlyDescriptionSentThenEverythingElseUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "keep-" + Fixtures.unique() + "@example.com",
                "areacode", "0086", "phone", "13900001111", "xuser_type", "TenantIdp",
                "xuser_id", "ext-" + Fixtures.unique(), "access_mode", "programmatic", "description", "old"));
        String token = fixtures.token(u);
        ObjectNode before = (ObjectNode) read(a, u.id()).deepCopy();

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("description", "new"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        ObjectNode after = (ObjectNode) read(a, u.id()).deepCopy();
        assertThat(after.get("description").asString()).isEqualTo("new");
        assertThat(after.get("update_time").asString()).isGreaterThanOrEqualTo(before.get("update_time").asString());
        before.remove(List.of("description", "update_time"));
        after.remove(List.of("description", "update_time"));
        assertThat(after).isEqualTo(before);
        assertThat(after.get("access_mode").asString()).isEqualTo("programmatic");
        // Nothing security-relevant changed, so the user's token still works.
        assertThat(get(OS + "/" + u.id(), token).status()).isEqualTo(200);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateWhenBodyHasUnknownFieldThenIam0007AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        JsonNode before = read(a, u.id());

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("description", "x", "is_domain_owner", true));

        assertRefused(r, 400, "IAM.0007");
        assertThat(read(a, u.id())).isEqualTo(before);
    }

    // ---- the account owner --------------------------------------------------------------------

    @Test
    void deleteWhenOwnerThen1107AndOwnerStays() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = delete(KS + "/" + a.ownerId(), a.adminToken());

        assertRefused(r, 400, "1107");
        assertThat(read(a, a.ownerId()).get("is_domain_owner").asBoolean()).isTrue();
        assertThat(fixtures.signIn(a.name(), "owner", Fixtures.OWNER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateWhenOwnerDisabledThen400AndOwnerStillEnabled() {
        TestAccount a = fixtures.newAccount();
        JsonNode before = read(a, a.ownerId());

        Api.Response os = put(OS + "/" + a.ownerId(), a.adminToken(), body("enabled", false));
        Api.Response ks = patch(KS + "/" + a.ownerId(), a.adminToken(), body("enabled", false));

        assertRefused(os, 400, "IAM.0007");
        assertRefused(ks, 400, "IAM.0007");
        assertThat(read(a, a.ownerId())).isEqualTo(before);
        assertThat(get(OS + "/" + a.ownerId(), a.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void updateWhenOwnerAccessModeConsoleThen400AndUnchanged() {
        TestAccount a = fixtures.newAccount();
        JsonNode before = read(a, a.ownerId());

        Api.Response r = put(OS + "/" + a.ownerId(), a.adminToken(), body("access_mode", "console"));

        assertRefused(r, 400, "IAM.0007");
        assertThat(read(a, a.ownerId())).isEqualTo(before);
        assertThat(fixtures.signIn(a.name(), "owner", Fixtures.OWNER_PASSWORD).status()).isEqualTo(201);
    }

    // ---- no secrets in responses --------------------------------------------------------------

    @Test
    void everyUserEndpointWhenPasswordsSentThenNoResponseHasPasswordOrHash() {
        TestAccount a = fixtures.newAccount();
        String p1 = secret("Leak-Check-" + Fixtures.unique());
        String p2 = secret("Leak-Check-" + Fixtures.unique());
        String p3 = secret("Leak-Check-" + Fixtures.unique());
        String p4 = secret("Leak-Check-" + Fixtures.unique());
        String osName = "leak-os-" + Fixtures.unique();
        List<Api.Response> responses = new ArrayList<>();

        Api.Response created = post(OS, a.adminToken(), osUser(a, "name", osName, "password", p1));
        responses.add(created);
        String osId = created.json().get("user").get("id").asString();
        Api.Response ksCreated = post(KS, a.adminToken(), ksUser("password", p2));
        responses.add(ksCreated);
        String ksId = ksCreated.json().get("user").get("id").asString();
        responses.add(get(OS + "/" + osId, a.adminToken()));
        responses.add(get(KS + "/" + ksId, a.adminToken()));
        responses.add(get(KS, a.adminToken()));
        responses.add(put(OS + "/" + osId, a.adminToken(), body("password", p3)));
        responses.add(patch(KS + "/" + ksId, a.adminToken(), body("password", p4)));
        responses.add(put(OS + "/" + osId, a.adminToken(), body("password", p3)));
        responses.add(patch(KS + "/" + ksId, a.adminToken(), body("password", "weak")));
        responses.add(post(OS, a.adminToken(), osUser(a, "name", osName, "password", p1)));
        Api.Response signIn = fixtures.signIn(a.name(), osName, p3);
        responses.add(signIn);
        responses.add(api.call("GET", "/v3/auth/tokens").token(a.adminToken())
                .header("X-Subject-Token", signIn.header("X-Subject-Token")).send());
        responses.add(fixtures.signIn(a.name(), osName, p1));

        assertThat(responses).hasSize(13);
        for (Api.Response r : responses) {
            assertNoSecrets(r);
            assertThat(r.text()).doesNotContain("password_hash").doesNotContain("passwordHash");
        }
        assertThat(created.json().get("user").has("password")).isFalse();
        assertThat(ksCreated.json().get("user").has("password")).isFalse();
    }

    // ---- GET /v3/users ------------------------------------------------------------------------

    @Test
    void listWhenNameFilterThenOnlyThatUser() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        fixtures.newUser(a);

        List<JsonNode> found = findByName(a, u.name());

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asString()).isEqualTo(u.id());
        assertThat(findByName(a, "nobody-" + Fixtures.unique())).isEmpty();
    }

    @Test
    void listWhenEnabledFilterThenOnlyMatchingUsers() {
        TestAccount a = fixtures.newAccount();
        TestUser on = fixtures.newUser(a);
        TestUser off = fixtures.newUser(a, Map.of("enabled", false));

        Api.Response enabled = get(KS + "?enabled=true", a.adminToken());
        Api.Response disabled = get(KS + "?enabled=false", a.adminToken());

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(ids(enabled)).containsExactlyInAnyOrder(a.ownerId(), on.id());
        assertThat(ids(disabled)).containsExactly(off.id());
        assertThat(disabled.json().get("users").get(0).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void listWhenEnabledMaybeThen400() {
        TestAccount a = fixtures.newAccount();

        Api.Response r = get(KS + "?enabled=maybe", a.adminToken());

        assertRefused(r, 400, "IAM.0007");
    }

    @Test
    void listWhenDomainIdOfAnotherAccountThenEmptyList() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        fixtures.newUser(b);

        Api.Response r = get(KS + "?domain_id=" + b.id(), a.adminToken());
        Api.Response own = get(KS + "?domain_id=" + a.id(), a.adminToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("users").isArray()).isTrue();
        assertThat(r.json().get("users").size()).isZero();
        assertThat(ids(own)).containsExactly(a.ownerId());
    }

    @Test
    void listWhenPasswordExpiresAtWithValidOperatorThenOk() {
        TestAccount a = fixtures.newAccount();
        fixtures.newUser(a);

        Api.Response lt = get(KS + "?password_expires_at=lt:2999-01-01T00:00:00Z", a.adminToken());
        Api.Response gte = get(KS + "?password_expires_at=gte:2000-01-01T00:00:00Z", a.adminToken());

        assertThat(lt.status()).as(lt.toString()).isEqualTo(200);
        assertThat(gte.status()).as(gte.toString()).isEqualTo(200);
        // Without a password policy no password expires, so no user has an expiry to compare (as in Keystone).
        assertThat(lt.json().get("users").isArray()).isTrue();
        assertThat(lt.json().get("users").size()).isZero();
        assertThat(gte.json().get("users").size()).isZero();
    }

    @Test
    void listWhenPasswordExpiresAtWithInvalidOperatorThen400() {
        TestAccount a = fixtures.newAccount();

        Api.Response op = get(KS + "?password_expires_at=before:2999-01-01T00:00:00Z", a.adminToken());
        Api.Response time = get(KS + "?password_expires_at=lt:tomorrow", a.adminToken());

        assertRefused(op, 400, "IAM.0007");
        assertRefused(time, 400, "IAM.0007");
    }

    @Test
    void listWhenLimitThenPagesWithLinksNextUntilDone() {
        TestAccount a = fixtures.newAccount();
        List<String> all = new ArrayList<>(List.of(a.ownerId()));
        for (int i = 0; i < 4; i++) {
            all.add(fixtures.newUser(a).id());
        }

        Api.Response first = get(KS + "?limit=2", a.adminToken());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("users").size()).isEqualTo(2);
        String next1 = first.json().get("links").get("next").asString();
        assertThat(next1).startsWith(api.base() + KS + "?");
        Api.Response second = get(next1.substring(api.base().length()), a.adminToken());
        assertThat(second.json().get("users").size()).isEqualTo(2);
        String next2 = second.json().get("links").get("next").asString();
        Api.Response third = get(next2.substring(api.base().length()), a.adminToken());

        assertThat(third.json().get("users").size()).isEqualTo(1);
        JsonNode lastNext = third.json().get("links").get("next");
        assertThat(lastNext == null || lastNext.isNull()).as(third.toString()).isTrue();
        List<String> seen = new ArrayList<>();
        seen.addAll(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(first.json().get("links").get("self").asString()).isEqualTo(api.base() + KS);
    }

    @Test
    void listWhenLimitZeroThen400() {
        TestAccount a = fixtures.newAccount();

        assertRefused(get(KS + "?limit=0", a.adminToken()), 400, "IAM.0007");
    }

    // ---- disabling, console-only, deleting ----------------------------------------------------

    @Test
    void updateWhenUserDisabledThenItsTokenFails401() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        assertThat(get(OS + "/" + u.id(), token).status()).isEqualTo(200);

        Api.Response r = put(OS + "/" + u.id(), a.adminToken(), body("enabled", false));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user").get("enabled").asBoolean()).isFalse();
        Api.Response after = get(OS + "/" + u.id(), token);
        assertRefused(after, 401, "IAM.0067");
    }

    @Test
    void signInWhenUserDisabledThen403Iam0082AndAfterReenableWorks() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        assertThat(patch(KS + "/" + u.id(), a.adminToken(), body("enabled", false)).status()).isEqualTo(200);

        Api.Response right = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);
        Api.Response wrong = fixtures.signIn(a.name(), u.name(), "Wrong-Pass-1234");

        assertRefused(right, 403, "IAM.0082");
        assertRefused(wrong, 401, "IAM.0001");
        assertThat(patch(KS + "/" + u.id(), a.adminToken(), body("enabled", true)).status()).isEqualTo(200);
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void signInWhenConsoleOnlyAndPasswordRightThen403Iam0081() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("access_mode", "console"));

        Api.Response r = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);

        assertRefused(r, 403, "IAM.0081");
        assertThat(r.header("X-Subject-Token")).isNull();
    }

    @Test
    void signInWhenConsoleOnlyAndPasswordWrongThen401() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("access_mode", "console"));

        Api.Response r = fixtures.signIn(a.name(), u.name(), "Wrong-Pass-1234");

        assertRefused(r, 401, "IAM.0001");
    }

    @Test
    void deleteWhenUserDeletedThenItsTokenFails401AndUserGone() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        assertThat(get(OS + "/" + u.id(), token).status()).isEqualTo(200);

        Api.Response r = delete(KS + "/" + u.id(), a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertRefused(get(OS + "/" + u.id(), token), 401, "IAM.0067");
        assertRefused(get(OS + "/" + u.id(), a.adminToken()), 404, "IAM.0004");
        assertThat(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(401);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Api.Response get(String path, String token) {
        return assertNoSecrets(api.get(path, token));
    }

    private Api.Response post(String path, String token, Object body) {
        return assertNoSecrets(api.post(path, token, body));
    }

    private Api.Response put(String path, String token, Object body) {
        return assertNoSecrets(api.put(path, token, body));
    }

    private Api.Response patch(String path, String token, Object body) {
        return assertNoSecrets(api.patch(path, token, body));
    }

    private Api.Response delete(String path, String token) {
        return assertNoSecrets(api.delete(path, token));
    }

    private Api.Response assertNoSecrets(Api.Response r) {
        String text = r.text() == null ? "" : r.text();
        assertThat(text).as("response body").doesNotContain("$argon2");
        for (String password : sentPasswords) {
            assertThat(text).as("response body").doesNotContain(password);
        }
        return r;
    }

    /** Remembers a password so that {@link #assertNoSecrets} looks for it in every later response. */
    private String secret(String password) {
        sentPasswords.add(password);
        return password;
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }

    /** {@code {"user":{...}}} from alternating keys and values; a null value leaves the key out. */
    private static Map<String, Object> body(Object... keysAndValues) {
        return Map.of("user", fields(new LinkedHashMap<>(), keysAndValues));
    }

    /** A valid OS-USER create body for the account, with the given fields replaced (null removes one). */
    private static Map<String, Object> osUser(TestAccount a, Object... keysAndValues) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "u-" + Fixtures.unique());
        user.put("domain_id", a.id());
        user.put("password", Fixtures.USER_PASSWORD);
        user.put("pwd_status", false);
        return Map.of("user", fields(user, keysAndValues));
    }

    /** A valid Keystone create body (no domain_id: the caller's account), with the given fields replaced. */
    private static Map<String, Object> ksUser(Object... keysAndValues) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "k-" + Fixtures.unique());
        user.put("password", Fixtures.USER_PASSWORD);
        return Map.of("user", fields(user, keysAndValues));
    }

    private static Map<String, Object> fields(Map<String, Object> into, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object value = keysAndValues[i + 1];
            if (value == null) {
                into.remove(key);
            } else {
                into.put(key, value);
            }
        }
        return into;
    }

    private static String nameOfLength(int length) {
        String base = "n" + Fixtures.unique();
        return base + "a".repeat(length - base.length());
    }

    private JsonNode read(TestAccount a, String id) {
        Api.Response r = get(OS + "/" + id, a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("user");
    }

    private int userCount(TestAccount a) {
        Api.Response r = get(KS, a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("users").size();
    }

    private List<JsonNode> findByName(TestAccount a, String name) {
        Api.Response r = get(KS + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
                a.adminToken());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> users = new ArrayList<>();
        r.json().get("users").forEach(users::add);
        return users;
    }

    private static List<String> ids(Api.Response r) {
        List<String> ids = new ArrayList<>();
        r.json().get("users").forEach(u -> ids.add(u.get("id").asString()));
        return ids;
    }
}
