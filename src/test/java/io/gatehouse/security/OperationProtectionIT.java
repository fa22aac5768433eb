package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Mailbox;
import io.gatehouse.testsupport.SecondNode;
import io.gatehouse.testsupport.TotpCodes;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Operation protection, end to end: with the protect policy's {@code operation_protection} on, the
 * sensitive operations need a second-factor verification of the caller's token from the last 15
 * minutes, made at {@code POST /gatehouse/v1/operation-verifications} with a virtual MFA code or a code
 * sent by email (a real SMTP server in-process, GreenMail). These settings give this class an
 * application context of its own; SMS is left unconfigured. One test starts a second node on the same
 * database.
 */
class OperationProtectionIT extends IntegrationTest {

    private static final int SMTP_PORT = Mailbox.freePort();
    private static final String FROM = "iam@gatehouse.test";
    private static final String VERIFY = "/gatehouse/v1/operation-verifications";
    private static final String DEVICES = "/v3.0/OS-MFA/virtual-mfa-devices";
    private static final Duration VALIDITY = Duration.ofMinutes(15);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private static SecondNode secondNode;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("gatehouse.smtp.from", () -> FROM);
    }

    // ---- the rule ----------------------------------------------------------------------------

    @Test
    void deleteUserWhenProtectionOffThenNoVerificationNeeded() {
        TestAccount a = fixtures.newAccount();
        TestUser byDefault = fixtures.newUser(a);
        TestUser switchedOff = fixtures.newUser(a);

        Api.Response first = api.delete("/v3/users/" + byDefault.id(), a.adminToken());
        setProtection(a, a.adminToken(), false);
        Api.Response second = api.delete("/v3/users/" + switchedOff.id(), a.adminToken());

        assertThat(first.status()).as(first.toString()).isEqualTo(204);
        assertThat(second.status()).as(second.toString()).isEqualTo(204);
    }

    @Test
    void deleteUserWhenProtectionOnAndNotVerifiedThen403AndNothingDeletedAndRefusalLogged() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        setProtection(a, a.adminToken(), true);

        Api.Response r = api.delete("/v3/users/" + u.id(), a.adminToken());

        assertRefused(r, 403, "IAM.0002");
        assertThat(r.json().get("error_msg").asString()).contains("Operation protection").contains("iam:users:deleteUser")
                .contains("POST /gatehouse/v1/operation-verifications").contains("15 minutes");
        assertThat(api.get("/v3.0/OS-USER/users/" + u.id(), a.adminToken()).status()).isEqualTo(200);
        assertThat(operations(a, "iam:users:deleteUser")).containsExactly("failure/IAM.0002/" + u.id());
    }

    @Test
    void deleteUserWhenVerifiedByTotpThen204AndFifteenMinutesLaterThen403Again() {
        TestAccount a = fixtures.newAccount();
        Actor owner = owner(a);
        Bound bound = bindNewDevice(owner);
        setProtection(a, owner.token(), true);
        TestUser first = fixtures.newUser(a);
        TestUser second = fixtures.newUser(a);

        Api.Response verified = verifyTotp(owner.token(), TotpCodes.code(bound.seed(), bound.step()));
        Api.Response deleted = api.delete("/v3/users/" + first.id(), owner.token());
        ageVerifications(owner.id(), VALIDITY.plusSeconds(1));
        Api.Response stale = api.delete("/v3/users/" + second.id(), owner.token());

        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        JsonNode v = verified.json().get("operation_verification");
        assertThat(v.propertyNames()).containsExactly("user_id", "method", "verified_at", "expires_at");
        assertThat(v.get("user_id").asString()).isEqualTo(owner.id());
        assertThat(v.get("method").asString()).isEqualTo("totp");
        Instant at = Instant.parse(v.get("verified_at").asString());
        assertThat(Duration.between(at, Instant.parse(v.get("expires_at").asString()))).isEqualTo(VALIDITY);
        assertThat(Duration.between(at, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertRefused(stale, 403, "IAM.0002");
        assertThat(api.get("/v3.0/OS-USER/users/" + second.id(), owner.token()).status()).isEqualTo(200);
        assertThat(lastEvent(owner.id())).containsEntry("channel", "operation").containsEntry("method", "totp")
                .containsEntry("result", "success");
        assertThat(lastEvent(owner.id()).get("cause")).isNull();
        assertThat(operations(a, "gatehouse:security:verifyOperation")).containsExactly("success/null/" + owner.id());
    }

    @Test
    void verifyWhenEmailCodeThen202WithIdThenCodeVerifiesAndDeleteSucceeds() throws Exception {
        TestAccount a = fixtures.newAccount();
        String email = "op-" + Fixtures.unique() + "@example.test";
        Actor owner = ownerWithEmail(a, email);
        setProtection(a, owner.token(), true);
        TestUser u = fixtures.newUser(a);

        Api.Response sent = requestCode(owner.token());

        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        JsonNode verification = sent.json().get("verification");
        assertThat(verification.propertyNames()).containsExactly("id", "channel", "destination", "expires_at");
        assertThat(verification.get("channel").asString()).isEqualTo("email");
        assertThat(verification.get("destination").asString()).isEqualTo("o***@example.test");
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).contains("protected operation");
        String code = codeIn(mail);
        assertThat(sent.text()).doesNotContain(code);

        Api.Response verified = verifyCode(owner.token(), verification.get("id").asString(), code);
        Api.Response deleted = api.delete("/v3/users/" + u.id(), owner.token());

        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        assertThat(verified.json().get("operation_verification").get("method").asString()).isEqualTo("email");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(events(owner.id())).extracting(e -> e.get("channel") + "/" + e.get("method") + "/"
                + e.get("result") + "/" + e.get("cause"))
                .containsSubsequence("operation/email/failure/code_sent", "operation/email/success/null");
    }

    @Test
    void verifyWhenEmailCodeWrongThen400WithTriesLeftAndNotVerified() {
        TestAccount a = fixtures.newAccount();
        String email = "wrong-" + Fixtures.unique() + "@example.test";
        Actor owner = ownerWithEmail(a, email);
        setProtection(a, owner.token(), true);
        TestUser u = fixtures.newUser(a);
        String id = requestCode(owner.token()).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));

        Api.Response wrong = verifyCode(owner.token(), id, code.equals("000000") ? "111111" : "000000");
        Api.Response unknown = verifyCode(owner.token(), "0123456789abcdef0123456789abcdef", code);

        assertRefused(wrong, 400, "IAM.0007");
        assertThat(wrong.json().get("error_msg").asString()).contains("wrong").contains("4 tries left");
        assertRefused(unknown, 400, "IAM.0007");
        assertThat(unknown.json().get("error_msg").asString()).contains("no verification code with this id");
        assertRefused(api.delete("/v3/users/" + u.id(), owner.token()), 403, "IAM.0002");
        assertThat(events(owner.id())).extracting(e -> e.get("cause"))
                .containsSubsequence("code_sent", "code_wrong", "code_unknown");
        assertThat(operations(a, "gatehouse:security:verifyOperation"))
                .containsExactly("failure/IAM.0007/null", "failure/IAM.0007/null");
    }

    @Test
    void verifyWhenCodeWasSentForTheOtherPurposeThenRefusedBothWays() {
        TestAccount a = fixtures.newAccount();
        String email = "purpose-" + Fixtures.unique() + "@example.test";
        TestUser u = fixtures.newUser(a, Map.of("email", email));
        String token = fixtures.token(u);
        // A code sent for an operation verification does not sign in ...
        String opId = requestCode(token).json().get("verification").get("id").asString();
        String opCode = codeIn(onlyMailTo(email));
        Api.Response signIn = api.post("/v3/auth/tokens", null, codeSignIn(u, opId, opCode));
        // ... and a sign-in code does not verify an operation.
        Api.Response protect = api.put("/v3.0/OS-USER/users/" + u.id() + "/login-protect", a.adminToken(),
                Map.of("login_protect", Map.of("enabled", true, "verification_method", "email")));
        assertThat(protect.status()).as(protect.toString()).isEqualTo(200);
        jdbc.sql("UPDATE verification_code_sender SET last_sent_at = NULL WHERE user_id = :u").param("u", u.id())
                .update();
        Api.Response firstStep = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);
        assertThat(firstStep.status()).as(firstStep.toString()).isEqualTo(401);
        String signInId = firstStep.json().get("verification").get("id").asString();
        List<MimeMessage> mails = mailsTo(email, 2);
        String signInCode = codeIn(mails.get(mails.size() - 1));

        Api.Response operation = verifyCode(token, signInId, signInCode);

        assertRefused(signIn, 401, "IAM.0001");
        assertRefused(operation, 400, "IAM.0007");
        assertThat(operation.json().get("error_msg").asString()).contains("no verification code with this id");
        // Each code still works for its own purpose.
        assertThat(verifyCode(token, opId, opCode).status()).isEqualTo(201);
        assertThat(api.post("/v3/auth/tokens", null, codeSignIn(u, signInId, signInCode)).status()).isEqualTo(201);
    }

    @Test
    void verifyWhenNoSecondFactorThen403SayingWhatIsMissing() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = requestCode(fixtures.token(u));

        assertRefused(r, 403, "IAM.0002");
        assertThat(r.json().get("error_msg").asString()).contains("No second factor")
                .contains("virtual MFA device").contains("email address").contains("mobile number");
        assertThat(lastEvent(u.id())).containsEntry("channel", "operation").containsEntry("result", "failure")
                .containsEntry("cause", "no_second_factor");
        assertThat(operations(a, "gatehouse:security:verifyOperation")).containsExactly("failure/IAM.0002/null");
    }

    @Test
    void verifyWhenOnlyMobileAndSmsNotConfiguredThen503ByTheSmsChannel() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("areacode", "0086", "phone", "13800001111"));

        Api.Response r = requestCode(fixtures.token(u));

        assertRefused(r, 503, "IAM.0006");
        assertThat(r.json().get("error_msg").asString()).contains("SMS");
        assertThat(lastEvent(u.id())).containsEntry("method", "sms").containsEntry("cause", "code_delivery_failed");
    }

    @Test
    void verifyWhenDeviceBoundThenPasscodeRequiredAndUsedOnlyOnce() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Actor actor = actor(u);
        Bound bound = bindNewDevice(actor);
        String code = TotpCodes.code(bound.seed(), bound.step());

        Api.Response none = requestCode(actor.token());
        Api.Response first = verifyTotp(actor.token(), code);
        Api.Response replay = verifyTotp(actor.token(), code);

        assertRefused(none, 400, "IAM.0072");
        assertThat(none.json().get("error_msg").asString()).contains("passcode").contains("virtual MFA device");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertRefused(replay, 400, "IAM.1061");
        assertThat(events(u.id())).extracting(e -> e.get("result") + "/" + e.get("cause"))
                .containsSubsequence("failure/mfa_required", "success/null", "failure/mfa_failed");
    }

    @Test
    void verifyWhenWrongTotpCodesReachLockoutThresholdThenLocked() {
        TestAccount a = fixtures.newAccount();
        Api.Response policy = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("login_failed_times", 3)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        TestUser u = fixtures.newUser(a);
        Actor actor = actor(u);
        Bound bound = bindNewDevice(actor);
        String right = TotpCodes.code(bound.seed(), bound.step());
        String wrong = right.equals("000000") ? "111111" : "000000";

        List<Api.Response> wrongs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wrongs.add(verifyTotp(actor.token(), wrong));
        }
        Api.Response afterwards = verifyTotp(actor.token(), right);

        assertThat(wrongs).allSatisfy(r -> assertRefused(r, 400, "IAM.1061"));
        assertRefused(afterwards, 401, "IAM.0061");
        assertRefused(fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD), 401, "IAM.0061");
        assertThat(events(u.id())).extracting(e -> e.get("cause"))
                .containsSubsequence("mfa_failed", "mfa_failed", "locked", "mfa_failed", "account_locked");
    }

    // ---- whose verification ------------------------------------------------------------------

    @Test
    void verifyWhenUserAVerifiedThenUserBAndAnotherTokenOfAStillRefused() {
        TestAccount a = fixtures.newAccount();
        setProtection(a, a.adminToken(), true);
        Actor alice = actor(fixtures.newUser(a));
        Actor bob = actor(fixtures.newUser(a));
        Bound aliceDevice = bindNewDevice(alice);
        Bound bobDevice = bindNewDevice(bob);
        String secondToken = fixtures.token(new TestUser(alice.id(), alice.name(), a));
        assertThat(verifyTotp(alice.token(), TotpCodes.code(aliceDevice.seed(), aliceDevice.step())).status())
                .isEqualTo(201);

        Api.Response bobUnbinds = unbind(bob.token(), bob.id(), bobDevice, TotpCodes.code(bobDevice.seed(),
                bobDevice.step()));
        Api.Response aliceOtherToken = unbind(secondToken, alice.id(), aliceDevice,
                TotpCodes.code(aliceDevice.seed(), aliceDevice.step() + 1));
        Api.Response aliceUnbinds = unbind(alice.token(), alice.id(), aliceDevice,
                TotpCodes.code(aliceDevice.seed(), aliceDevice.step() + 1));

        assertRefused(bobUnbinds, 403, "IAM.0002");
        assertThat(bobUnbinds.json().get("error_msg").asString()).contains("iam:mfa:unbindMFADevice");
        assertRefused(aliceOtherToken, 403, "IAM.0002");
        assertThat(aliceUnbinds.status()).as(aliceUnbinds.toString()).isEqualTo(204);
        assertThat(deviceOf(bob.id(), bob.token()).status()).isEqualTo(200);
        assertThat(deviceOf(alice.id(), alice.token()).status()).isEqualTo(404);
    }

    // ---- two nodes ---------------------------------------------------------------------------

    @Test
    void protectionWhenSwitchedAndVerifiedOnOneNodeThenTheOtherNodeFollows() {
        Api other = secondNode();
        TestAccount a = fixtures.newAccount();
        Actor owner = owner(a);
        Bound bound = bindNewDevice(owner);
        String unverified = fixtures.token(a, "owner", Fixtures.OWNER_PASSWORD);
        TestUser u = fixtures.newUser(a);
        // The other node caches the account's policy while protection is off ...
        assertThat(samePasswordPolicy(other, a, owner.token()).status()).isEqualTo(200);

        // ... and drops it when this node switches protection on.
        setProtection(a, owner.token(), true);
        Api.Response refusedThere = awaitStatus(403, () -> samePasswordPolicy(other, a, owner.token()));
        // A verification made here counts there at once: it is in the database.
        assertThat(verifyTotp(owner.token(), TotpCodes.code(bound.seed(), bound.step())).status()).isEqualTo(201);
        Api.Response deletedThere = other.delete("/v3/users/" + u.id(), owner.token());
        // This node caches the policy with protection on (another token of the owner is not verified) ...
        Api.Response refusedHere = samePasswordPolicy(api, a, unverified);
        // ... and follows when the other node switches it off.
        Api.Response offThere = other.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/protect-policy",
                owner.token(), Map.of("protect_policy", Map.of("operation_protection", false)));
        Api.Response allowedHere = awaitStatus(200, () -> samePasswordPolicy(api, a, unverified));

        assertRefused(refusedThere, 403, "IAM.0002");
        assertThat(deletedThere.status()).as(deletedThere.toString()).isEqualTo(204);
        assertRefused(refusedHere, 403, "IAM.0002");
        assertThat(offThere.status()).as(offThere.toString()).isEqualTo(200);
        assertThat(allowedHere.status()).as(allowedHere.toString()).isEqualTo(200);
    }

    // ---- the other protected operations ------------------------------------------------------

    @Test
    void protectedOperationsWhenNotVerifiedThenEachRefusedAndNothingChangedAndAfterVerificationAllowed() {
        TestAccount a = fixtures.newAccount();
        String email = "ops-" + Fixtures.unique() + "@example.test";
        Actor owner = ownerWithEmail(a, email);
        TestUser u = fixtures.newUser(a);
        Actor user = actor(u);
        Bound bound = bindNewDevice(user);
        TestUser v = fixtures.newUser(a);
        String unbound = createDevice(actor(v)).get("serial_number").asString();
        setProtection(a, owner.token(), true);
        String policies = "/v3.0/OS-SECURITYPOLICY/domains/" + a.id();
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("iam:users:setUserLoginProtect", t -> api.put("/v3.0/OS-USER/users/" + u.id() + "/login-protect", t,
                Map.of("login_protect", Map.of("enabled", false, "verification_method", "vmfa"))));
        calls.put("iam:securitypolicies:updatePasswordPolicy", t -> api.put(policies + "/password-policy", t,
                Map.of("password_policy", Map.of("minimum_password_length", 12))));
        calls.put("iam:securitypolicies:updateLoginPolicy", t -> api.put(policies + "/login-policy", t,
                Map.of("login_policy", Map.of("login_failed_times", 4))));
        calls.put("iam:securitypolicies:updateConsoleAclPolicy", t -> api.put(policies + "/console-acl-policy", t,
                Map.of("console_acl_policy", Map.of("allow_address_netmasks", List.of()))));
        calls.put("iam:securitypolicies:updateApiAclPolicy", t -> api.put(policies + "/api-acl-policy", t,
                Map.of("api_acl_policy", Map.of("allow_address_netmasks", List.of()))));
        calls.put("iam:mfa:unbindMFADevice", t -> unbind(t, u.id(), bound, "000000"));
        calls.put("iam:mfa:deleteVirtualMFADevice", t -> api.delete(DEVICES + "?user_id=" + v.id()
                + "&serial_number=" + URLEncoder.encode(unbound, StandardCharsets.UTF_8), t));
        calls.put("iam:securitypolicies:updateProtectPolicy", t -> protectionBody(t, a, false));

        calls.forEach((action, call) -> {
            Api.Response r = call.send(owner.token());
            assertRefused(r, 403, "IAM.0002");
            assertThat(r.json().get("error_msg").asString()).as(action).contains(action);
            assertThat(operations(a, action)).as(action).filteredOn(o -> o.startsWith("failure/")).containsExactly(
                    "failure/IAM.0002/" + (action.startsWith("iam:securitypolicies:") ? a.id()
                            : action.startsWith("iam:users:") ? u.id() : "null"));
        });
        // The user's own unbind is protected as well, whoever acts.
        assertRefused(unbind(user.token(), u.id(), bound, TotpCodes.code(bound.seed(), bound.step())), 403,
                "IAM.0002");

        assertThat(api.get("/v3.0/OS-USER/users/" + u.id() + "/login-protect", owner.token()).status()).isEqualTo(404);
        assertThat(api.get(policies + "/password-policy", owner.token()).json().get("password_policy")
                .get("minimum_password_length").asInt()).isNotEqualTo(12);
        assertThat(api.get(policies + "/login-policy", owner.token()).json().get("login_policy")
                .get("login_failed_times").asInt()).isNotEqualTo(4);
        assertThat(deviceOf(u.id(), owner.token()).status()).isEqualTo(200);
        assertThat(protection(a, owner.token())).isTrue();

        String id = requestCode(owner.token()).json().get("verification").get("id").asString();
        assertThat(verifyCode(owner.token(), id, codeIn(onlyMailTo(email))).status()).isEqualTo(201);
        calls.forEach((action, call) -> {
            Api.Response r = call.send(owner.token());
            assertThat(r.status()).as(action + " " + r).isBetween(200, 204);
        });
        assertThat(protection(a, owner.token())).isFalse();
        assertThat(deviceOf(u.id(), owner.token()).status()).isEqualTo(404);
    }

    // ---- denials -----------------------------------------------------------------------------

    @Test
    void protectedOperationWhenPlainUserThen403PolicyNotVerificationAndOtherAccountsAdministratorThen404() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        setProtection(a, a.adminToken(), true);
        TestUser target = fixtures.newUser(a);
        TestUser plain = fixtures.newUser(a);

        Api.Response byPlainUser = api.delete("/v3/users/" + target.id(), fixtures.token(plain));
        Api.Response policyByPlainUser = protectionBody(fixtures.token(plain), a, false);
        Api.Response byOtherAccount = api.delete("/v3/users/" + target.id(), other.adminToken());
        Api.Response policyByOtherAccount = protectionBody(other.adminToken(), a, false);
        setProtection(other, other.adminToken(), true);
        Api.Response byOtherAccountProtected = api.delete("/v3/users/" + target.id(), other.adminToken());

        // Authorization is decided first: a caller who may not act is not sent to verify.
        assertRefused(byPlainUser, 403, "IAM.0003");
        assertRefused(policyByPlainUser, 403, "IAM.0003");
        // Another account's user looks missing, whatever this account's protection.
        assertRefused(byOtherAccount, 404, "IAM.0004");
        assertRefused(policyByOtherAccount, 404, "IAM.0004");
        // The caller's own account decides whether it must verify first.
        assertRefused(byOtherAccountProtected, 403, "IAM.0002");
        assertThat(api.get("/v3.0/OS-USER/users/" + target.id(), a.adminToken()).status()).isEqualTo(200);
        assertThat(protection(a, a.adminToken())).isTrue();
    }

    @Test
    void verifyWhenNoTokenThen401() {
        Api.Response r = api.post(VERIFY, null, Map.of("operation_verification", Map.of("passcode", "123456")));

        assertRefused(r, 401, "IAM.0001");
    }

    // ---- helpers -----------------------------------------------------------------------------

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    /** A second node on this test run's database, started once for the class, after the first node. */
    private static synchronized Api secondNode() {
        if (secondNode == null) {
            secondNode = SecondNode.start();
        }
        return secondNode.api();
    }

    /** A protected operation that changes nothing: the password policy's default minimum length, set again. */
    private static Api.Response samePasswordPolicy(Api node, TestAccount a, String token) {
        return node.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/password-policy", token,
                Map.of("password_policy", Map.of("minimum_password_length", 8)));
    }

    /** Repeats {@code call} until it answers {@code status}, for up to 5 s (the change feed's propagation). */
    private static Api.Response awaitStatus(int status, Supplier<Api.Response> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Api.Response r = call.get();
        while (r.status() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            r = call.get();
        }
        return r;
    }

    /** Someone who acts, with a token of its own. */
    private record Actor(String id, String name, String token, TestAccount account) {
    }

    private record Bound(String serial, String seed, long step) {
    }

    @FunctionalInterface
    private interface Call {
        Api.Response send(String token);
    }

    private static Actor owner(TestAccount a) {
        return new Actor(a.ownerId(), "owner", a.adminToken(), a);
    }

    private Actor actor(TestUser u) {
        return new Actor(u.id(), u.name(), fixtures.token(u), u.account());
    }

    private Actor ownerWithEmail(TestAccount a, String email) {
        Api.Response r = api.put("/v3.0/OS-USER/users/" + a.ownerId(), a.adminToken(),
                Map.of("user", Map.of("email", email)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return owner(a);
    }

    private void setProtection(TestAccount a, String token, boolean on) {
        Api.Response r = protectionBody(token, a, on);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Api.Response protectionBody(String token, TestAccount a, boolean on) {
        return api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/protect-policy", token,
                Map.of("protect_policy", Map.of("operation_protection", on)));
    }

    private boolean protection(TestAccount a, String token) {
        return api.get("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/protect-policy", token).json()
                .get("protect_policy").get("operation_protection").asBoolean();
    }

    /** A new, unbound device of the user: its serial number and seed. */
    private JsonNode createDevice(Actor who) {
        Api.Response r = api.post(DEVICES, who.token(), Map.of("virtual_mfa_device",
                Map.of("name", "phone-" + Fixtures.unique(), "user_id", who.id())));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("virtual_mfa_device");
    }

    /**
     * Creates and binds a device with the codes of the two steps before the current one, leaving the
     * current step and the next one unused, with at least 8 seconds left in the current step.
     */
    private Bound bindNewDevice(Actor who) {
        JsonNode d = createDevice(who);
        String serial = d.get("serial_number").asString();
        String seed = d.get("base32_string_seed").asString();
        long step = TotpCodes.awaitStepWithAtLeast(8);
        Api.Response r = api.put("/v3.0/OS-MFA/mfa-devices/bind", who.token(), Map.of("user_id", who.id(),
                "serial_number", serial, "authentication_code_first", TotpCodes.code(seed, step - 2),
                "authentication_code_second", TotpCodes.code(seed, step - 1)));
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        return new Bound(serial, seed, step);
    }

    private Api.Response unbind(String token, String userId, Bound device, String code) {
        return api.put("/v3.0/OS-MFA/mfa-devices/unbind", token, Map.of("user_id", userId,
                "serial_number", device.serial(), "authentication_code", code));
    }

    private Api.Response deviceOf(String userId, String token) {
        return api.get("/v3.0/OS-MFA/users/" + userId + "/virtual-mfa-device", token);
    }

    private Api.Response verifyTotp(String token, String passcode) {
        return api.post(VERIFY, token, Map.of("operation_verification", Map.of("passcode", passcode)));
    }

    private Api.Response requestCode(String token) {
        return api.post(VERIFY, token, Map.of("operation_verification", Map.of()));
    }

    private Api.Response verifyCode(String token, String verificationId, String code) {
        return api.post(VERIFY, token, Map.of("operation_verification",
                Map.of("verification_id", verificationId, "code", code)));
    }

    private static Map<String, Object> codeSignIn(TestUser u, String verificationId, String code) {
        return Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password", "verification_code"),
                        "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                                "domain", Map.of("name", u.account().name()))),
                        "verification_code", Map.of("id", verificationId, "code", code)),
                "scope", Map.of("domain", Map.of("name", u.account().name()))));
    }

    /** Moves the user's verifications into the past, as if they had been made {@code by} earlier. */
    private void ageVerifications(String userId, Duration by) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, verified_at FROM operation_verification WHERE user_id = :u")
                .param("u", userId).query().listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            jdbc.sql("UPDATE operation_verification SET verified_at = :t WHERE id = :id")
                    .param("t", asTime(row.get("verified_at")).minus(by)).param("id", row.get("id")).update();
        }
    }

    private static OffsetDateTime asTime(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }

    /** {@code result/error_code/resource_id} of the account's operation-log rows for {@code operation}. */
    private List<String> operations(TestAccount a, String operation) {
        return afterSealing(jdbc).sql("""
                SELECT result, error_code, resource_id FROM operation_log
                WHERE domain_id = :d AND operation = :op ORDER BY id""")
                .param("d", a.id()).param("op", operation)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)).list();
    }

    private List<Map<String, Object>> events(String userId) {
        return jdbc.sql("SELECT * FROM signin_event WHERE user_id = :u ORDER BY id").param("u", userId).query()
                .listOfRows();
    }

    private Map<String, Object> lastEvent(String userId) {
        List<Map<String, Object>> all = events(userId);
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }

    private static List<MimeMessage> mailsTo(String address, int expected) {
        return Mailbox.mailsTo(SMTP, address, expected);
    }

    private static MimeMessage onlyMailTo(String address) {
        return Mailbox.onlyMailTo(SMTP, address);
    }

    private static String codeIn(MimeMessage mail) {
        return Mailbox.codeIn(mail);
    }

}
