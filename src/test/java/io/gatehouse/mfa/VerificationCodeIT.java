package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.iam.v3.IAMCredentials;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AuthScope;
import com.huaweicloud.sdk.iam.v3.model.AuthScopeDomain;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordResponse;
import com.huaweicloud.sdk.iam.v3.model.PwdAuth;
import com.huaweicloud.sdk.iam.v3.model.PwdIdentity;
import com.huaweicloud.sdk.iam.v3.model.PwdPassword;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUser;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUserDomain;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login protection by email and SMS codes on {@code POST /v3/auth/tokens}, end to end: a real SMTP
 * server in-process (GreenMail) and a local HTTP receiver standing in for the SMS gateway. These
 * settings give this class an application context of its own.
 */
class VerificationCodeIT extends IntegrationTest {

    private static final int SMTP_PORT = Mailbox.freePort();
    private static final String FROM = "iam@gatehouse.test";
    private static final String USER_AGENT = "VerificationCodeIT/1.0 (test)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private static final SmsReceiver SMS = SmsReceiver.start();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("gatehouse.smtp.from", () -> FROM);
        registry.add("gatehouse.sms.url", () -> SMS.url());
        registry.add("gatehouse.sms.signature", () -> "GatehouseTest");
        registry.add("gatehouse.sms.auth-value", () -> "Bearer sms-gateway-secret");
        registry.add("gatehouse.sms.timeout", () -> "3s");
    }

    @BeforeEach
    void gatewayWorks() {
        SMS.status = 200;
    }

    @AfterAll
    static void stopGateway() {
        SMS.server.stop(0);
    }

    // ---- the two steps -----------------------------------------------------------------------

    @Test
    void issueWhenEmailProtectedAndPasswordRightThen401WithVerificationAndCodeByEmail() {
        TestAccount a = fixtures.newAccount();
        String email = "vc-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));

        Api.Response r = firstStep(u);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.header("X-Subject-Token")).isNull();
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactly("error", "error_msg", "error_code", "verification");
        assertThat(r.errorCode()).isEqualTo("IAM.0001");
        assertThat(body.get("error").get("code").asInt()).isEqualTo(401);
        assertThat(body.get("error_msg").asString()).contains("second factor").contains("email")
                .contains("verification_code");
        JsonNode v = body.get("verification");
        assertThat(v.propertyNames()).containsExactly("id", "channel", "destination", "expires_at");
        assertThat(v.get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(v.get("channel").asString()).isEqualTo("email");
        assertThat(v.get("destination").asString()).isEqualTo("v***@example.test");
        Instant expires = Instant.parse(v.get("expires_at").asString());
        assertThat(expires).isBetween(Instant.now().plusSeconds(4 * 60), Instant.now().plusSeconds(5 * 60 + 5));
        String code = codeIn(onlyMailTo(email));
        assertThat(r.text()).doesNotContain(code);

        Api.Response second = secondStep(u, v.get("id").asString(), code);

        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.header("X-Subject-Token")).isNotBlank();
        assertThat(second.json().get("token").get("user").get("id").asString()).isEqualTo(u.id());
        assertThat(api.get("/v3.0/OS-USER/users/" + u.id(), second.header("X-Subject-Token")).status()).isEqualTo(200);
    }

    @Test
    void issueWhenEmailProtectedThenEmailSaysCodeIpUserAgentAndWhen() throws Exception {
        TestAccount a = fixtures.newAccount();
        String email = "mail-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));

        Api.Response r = firstStep(u);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(mail.getSubject()).containsIgnoringCase("verification code").doesNotContainPattern("\\d{6}");
        String text = text(mail);
        assertThat(Mailbox.CODE.matcher(text).results().count()).isEqualTo(1);
        assertThat(text).contains(u.name()).contains(a.name()).contains("from IP:     127.0.0.1")
                .contains("user agent:  " + USER_AGENT).contains("5 minutes");
        Matcher at = Pattern.compile("at:\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC").matcher(text);
        assertThat(at.find()).as(text).isTrue();
        Instant when = java.time.LocalDateTime.parse(at.group(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        assertThat(Duration.between(when, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void issueWhenSmsProtectedThenGatewayGetsCodeAndSecondStepIssuesToken() {
        TestAccount a = fixtures.newAccount();
        String phone = "138" + digits(8);
        TestUser u = protectedUser(a, "sms", Map.of("areacode", "0086", "phone", phone));

        Api.Response r = firstStep(u);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        JsonNode v = r.json().get("verification");
        assertThat(v.get("channel").asString()).isEqualTo("sms");
        assertThat(v.get("destination").asString()).isEqualTo("+86 " + phone.substring(0, 3) + "****"
                + phone.substring(7));
        assertThat(r.json().get("error_msg").asString()).contains("SMS");
        SmsReceiver.Received sms = SMS.onlyTo("+86" + phone);
        assertThat(sms.authorization()).isEqualTo("Bearer sms-gateway-secret");
        assertThat(sms.contentType()).startsWith("application/json");
        assertThat(sms.body().get("signature").asString()).isEqualTo("GatehouseTest");
        String code = sms.body().get("params").get("code").asString();
        assertThat(code).matches("\\d{6}");
        assertThat(sms.body().get("params").get("minutes").asString()).isEqualTo("5");
        assertThat(sms.body().get("template").asString()).contains("{code}");
        assertThat(sms.body().get("message").asString()).contains(code).contains("5 minutes").doesNotContain("{code}");

        Api.Response second = secondStep(u, v.get("id").asString(), code);

        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("token").get("user").get("id").asString()).isEqualTo(u.id());
    }

    @Test
    void issueWhenPasswordWrongForProtectedUserThen401AndNoCodeSent() {
        TestAccount a = fixtures.newAccount();
        String email = "wrongpw-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));

        Api.Response r = api.post("/v3/auth/tokens", null, Fixtures.passwordAuth(a.name(), u.name(), "Wrong-Pass-1234"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().propertyNames()).containsExactly("error", "error_msg", "error_code");
        assertThat(r.json().get("error_msg").asString()).isEqualTo("The username or password is wrong.");
        assertThat(mailsTo(email, 0)).isEmpty();
    }

    // ---- the code's rules --------------------------------------------------------------------

    @Test
    void issueWhenCodeExpiredThen401ExpiredAndNoToken() {
        TestAccount a = fixtures.newAccount();
        String email = "exp-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));
        age(id, Duration.ofMinutes(5).plusSeconds(1));

        Api.Response r = secondStep(u, id, code);

        assertRefused(r, 401, "IAM.0001");
        assertThat(r.json().get("error_msg").asString()).contains("expired");
        assertThat(r.header("X-Subject-Token")).isNull();
        assertThat(lastEvent(u)).containsEntry("cause", "code_expired").containsEntry("method", "password+email");
    }

    @Test
    void issueWhenCodeUsedTwiceThenSecondUse401() {
        TestAccount a = fixtures.newAccount();
        String email = "once-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));
        assertThat(secondStep(u, id, code).status()).isEqualTo(201);

        Api.Response again = secondStep(u, id, code);

        assertRefused(again, 401, "IAM.0001");
        assertThat(again.json().get("error_msg").asString()).contains("already been used");
        assertThat(lastEvent(u)).containsEntry("cause", "code_used");
    }

    @Test
    void issueWhenFiveWrongCodesThenRightCodeNoLongerWorks() {
        TestAccount a = fixtures.newAccount();
        // Wrong codes also count towards lockout; a higher threshold lets the code's own limit show.
        allowFailures(a, 10);
        String email = "tries-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));
        String wrong = code.equals("000000") ? "111111" : "000000";
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Response r = secondStep(u, id, wrong);
            assertRefused(r, 401, "IAM.0001");
            messages.add(r.json().get("error_msg").asString());
        }

        Api.Response right = secondStep(u, id, code);

        assertThat(messages.get(0)).contains("wrong").contains("4 tries left");
        assertThat(messages.get(3)).contains("1 try left");
        assertThat(messages.get(4)).contains("last try");
        assertRefused(right, 401, "IAM.0001");
        assertThat(right.json().get("error_msg").asString()).contains("too many times");
        assertThat(right.header("X-Subject-Token")).isNull();
        assertThat(jdbc.sql("SELECT failed_tries FROM verification_code WHERE id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(5);
        assertThat(events(u)).extracting(e -> e.get("cause")).containsSubsequence("code_sent", "code_wrong",
                "code_wrong", "code_wrong", "code_wrong", "code_wrong", "code_tries_exceeded");
    }

    @Test
    void issueWhenWrongCodesReachTheLockoutThresholdThenAccountLocked() {
        TestAccount a = fixtures.newAccount();
        allowFailures(a, 3);
        String email = "guess-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 3; i++) {
            assertRefused(secondStep(u, id, wrong), 401, "IAM.0001");
        }
        Api.Response right = secondStep(u, id, code);

        assertRefused(right, 401, "IAM.0061");
        assertThat(right.header("X-Subject-Token")).isNull();
    }

    private void allowFailures(TestAccount a, int times) {
        Api.Response r = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("login_failed_times", times)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void issueWhenCodeRequestedAgainWithinAMinuteThen429AndOnlyFivePerQuarterHour() {
        TestAccount a = fixtures.newAccount();
        String email = "resend-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        assertThat(firstStep(u).status()).isEqualTo(401);

        Api.Response tooSoon = firstStep(u);

        assertRefused(tooSoon, 429, "IAM.0012");
        assertThat(tooSoon.json().get("error_msg").asString()).contains("60 seconds");
        assertThat(tooSoon.json().get("retry_after").asLong()).isBetween(1L, 60L);
        assertThat(tooSoon.json().has("verification")).isFalse();
        assertThat(mailsTo(email, 1)).hasSize(1);
        assertThat(lastEvent(u)).containsEntry("cause", "code_resend_limit").containsEntry("method", "password+email");

        // A minute later a new code may go out, up to five within fifteen minutes.
        List<String> ids = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            ageSends(u, Duration.ofSeconds(61));
            Api.Response resend = firstStep(u);
            assertThat(resend.status()).as(resend.toString()).isEqualTo(401);
            ids.add(resend.json().get("verification").get("id").asString());
        }
        ageSends(u, Duration.ofSeconds(61));
        Api.Response sixth = firstStep(u);

        assertThat(ids).doesNotHaveDuplicates();
        assertRefused(sixth, 429, "IAM.0012");
        assertThat(sixth.json().get("error_msg").asString()).contains("5 every 15 minutes");
        // The minute has passed, so it is the quarter-hour count that refuses, for nearly 15 minutes.
        assertThat(sixth.json().get("retry_after").asLong()).isBetween(14 * 60L, 15 * 60L);
        assertThat(mailsTo(email, 5)).hasSize(5);
        // The latest code still works while the limit holds.
        String latest = ids.get(ids.size() - 1);
        List<MimeMessage> mails = mailsTo(email, 5);
        assertThat(secondStep(u, latest, codeIn(mails.get(mails.size() - 1))).status()).isEqualTo(201);
    }

    @Test
    void issueWhenManyFirstStepsAtOnceThenExactlyOneCodeSent() throws Exception {
        TestAccount a = fixtures.newAccount();
        String email = "race-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));

        List<Api.Response> answers = concurrently(8, () -> firstStep(u));

        assertThat(answers).extracting(Api.Response::status).containsOnly(401, 429);
        assertThat(answers).filteredOn(r -> r.status() == 401).hasSize(1);
        assertThat(mailsTo(email, 1)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_code WHERE user_id = :u").param("u", u.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void issueWhenRightCodeSentManyTimesAtOnceThenExactlyOneToken() throws Exception {
        TestAccount a = fixtures.newAccount();
        String email = "race2-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));

        List<Api.Response> answers = concurrently(6, () -> secondStep(u, id, code));

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() == 401).hasSize(5)
                .allSatisfy(r -> assertThat(r.json().get("error_msg").asString()).contains("already been used"));
    }

    @Test
    void issueWhenVerificationIdUnknownOrMalformedThen401() {
        TestAccount a = fixtures.newAccount();
        String email = "unknown-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        assertThat(firstStep(u).status()).isEqualTo(401);
        String code = codeIn(onlyMailTo(email));

        Api.Response unknown = secondStep(u, "0123456789abcdef0123456789abcdef", code);
        Api.Response malformed = secondStep(u, "not-an-id'; DROP TABLE verification_code; --", code);

        assertRefused(unknown, 401, "IAM.0001");
        assertRefused(malformed, 401, "IAM.0001");
        assertThat(unknown.json().get("error_msg").asString()).contains("No verification code with this id");
        assertThat(malformed.json().get("error_msg").asString()).isEqualTo(unknown.json().get("error_msg").asString());
        assertThat(lastEvent(u)).containsEntry("cause", "code_unknown").containsEntry("method", "password+email");
    }

    @Test
    void issueWhenAnotherUsersVerificationIdThen401AndTheirCodeStillWorks() {
        TestAccount a = fixtures.newAccount();
        String aliceMail = "alice-" + Fixtures.unique() + "@example.test";
        String bobMail = "bob-" + Fixtures.unique() + "@example.test";
        TestUser alice = protectedUser(a, "email", Map.of("email", aliceMail));
        TestUser bob = protectedUser(a, "email", Map.of("email", bobMail));
        String aliceId = firstStep(alice).json().get("verification").get("id").asString();
        String aliceCode = codeIn(onlyMailTo(aliceMail));
        assertThat(firstStep(bob).status()).isEqualTo(401);

        Api.Response stolen = secondStep(bob, aliceId, aliceCode);

        assertRefused(stolen, 401, "IAM.0001");
        assertThat(stolen.json().get("error_msg").asString()).contains("No verification code with this id");
        assertThat(lastEvent(bob)).containsEntry("cause", "code_unknown");
        assertThat(jdbc.sql("SELECT failed_tries FROM verification_code WHERE id = :id").param("id", aliceId)
                .query(Integer.class).single()).isZero();
        assertThat(secondStep(alice, aliceId, aliceCode).status()).isEqualTo(201);
    }

    @Test
    void issueWhenAnotherAccountsUserGivesTheIdThen401() {
        TestAccount a = fixtures.newAccount();
        TestAccount b = fixtures.newAccount();
        String aliceMail = "alice-" + Fixtures.unique() + "@example.test";
        TestUser alice = protectedUser(a, "email", Map.of("email", aliceMail));
        TestUser mallory = protectedUser(b, "email", Map.of("email", "mal-" + Fixtures.unique() + "@example.test"));
        String aliceId = firstStep(alice).json().get("verification").get("id").asString();
        String aliceCode = codeIn(onlyMailTo(aliceMail));

        Api.Response stolen = secondStep(mallory, aliceId, aliceCode);

        assertRefused(stolen, 401, "IAM.0001");
        assertThat(stolen.header("X-Subject-Token")).isNull();
        assertThat(secondStep(alice, aliceId, aliceCode).status()).isEqualTo(201);
    }

    // ---- delivery failure --------------------------------------------------------------------

    @Test
    void issueWhenSmsGatewayAnswers500Then503AndFailureRecordedAndRetryPossible() {
        TestAccount a = fixtures.newAccount();
        String phone = "139" + digits(8);
        TestUser u = protectedUser(a, "sms", Map.of("areacode", "+86", "phone", phone));
        SMS.status = 500;

        Api.Response r = firstStep(u);

        assertRefused(r, 503, "IAM.0006");
        assertThat(r.json().get("error_msg").asString()).contains("could not be sent by SMS");
        assertThat(r.json().has("verification")).isFalse();
        assertThat(lastEvent(u)).containsEntry("cause", "code_delivery_failed").containsEntry("method", "password+sms")
                .containsEntry("result", "failure");
        assertThat(jdbc.sql("SELECT state FROM verification_code WHERE user_id = :u").param("u", u.id())
                .query(String.class).single()).isEqualTo("failed");
        String deadCode = SMS.onlyTo("+86" + phone).body().get("params").get("code").asString();

        SMS.status = 200;
        Api.Response retry = firstStep(u);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(401);
        List<SmsReceiver.Received> received = SMS.to("+86" + phone);
        assertThat(received).hasSize(2);
        String deadId = jdbc.sql("SELECT id FROM verification_code WHERE user_id = :u AND state = 'failed'")
                .param("u", u.id()).query(String.class).single();
        assertRefused(secondStep(u, deadId, deadCode), 401, "IAM.0001");
        assertThat(secondStep(u, retry.json().get("verification").get("id").asString(),
                received.get(1).body().get("params").get("code").asString()).status()).isEqualTo(201);
    }

    // ---- who is not affected, and what is recorded -----------------------------------------

    @Test
    void issueWhenUserWithoutProtectionOrWithProtectionOffThenTokenAtOnceAndNoCode() {
        TestAccount a = fixtures.newAccount();
        String plainMail = "plain-" + Fixtures.unique() + "@example.test";
        String offMail = "off-" + Fixtures.unique() + "@example.test";
        TestUser plain = fixtures.newUser(a, Map.of("email", plainMail));
        TestUser off = fixtures.newUser(a, Map.of("email", offMail));
        assertThat(api.put(protectPath(off), a.adminToken(), protectBody(false, "email")).status()).isEqualTo(200);

        Api.Response first = firstStep(plain);
        Api.Response second = firstStep(off);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(mailsTo(plainMail, 0)).isEmpty();
        assertThat(mailsTo(offMail, 0)).isEmpty();
        assertThat(lastEvent(plain)).containsEntry("method", "password").containsEntry("result", "success");
    }

    @Test
    void issueWhenUnprotectedUserSendsBogusVerificationCodeThen401() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = secondStep(u, "0123456789abcdef0123456789abcdef", "123456");

        assertRefused(r, 401, "IAM.0001");
        assertThat(lastEvent(u)).containsEntry("cause", "code_unknown")
                .containsEntry("method", "password+verification_code");
    }

    @Test
    void issueWhenTwoStepSignInThenEventsRecordSentAndSuccessWithMethod() {
        TestAccount a = fixtures.newAccount();
        String phone = "137" + digits(8);
        TestUser u = protectedUser(a, "sms", Map.of("areacode", "0086", "phone", phone));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = SMS.onlyTo("+86" + phone).body().get("params").get("code").asString();

        assertThat(secondStep(u, id, code).status()).isEqualTo(201);

        List<Map<String, Object>> events = events(u);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).containsEntry("result", "failure").containsEntry("cause", "code_sent")
                .containsEntry("method", "password+sms").containsEntry("channel", "api")
                .containsEntry("source_ip", "127.0.0.1").containsEntry("user_agent", USER_AGENT);
        assertThat(events.get(1)).containsEntry("result", "success").containsEntry("method", "password+sms");
        assertThat(events.get(1).get("cause")).isNull();
    }

    @Test
    void issueWhenCodeSentThenCodeStoredOnlyAsMac() {
        TestAccount a = fixtures.newAccount();
        String email = "mac-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));
        String id = firstStep(u).json().get("verification").get("id").asString();
        String code = codeIn(onlyMailTo(email));

        Map<String, Object> row = jdbc.sql("SELECT * FROM verification_code WHERE id = :id").param("id", id)
                .query().singleRow();

        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(code));
        assertThat((String) row.get("code_mac")).matches("[0-9a-f]{64}");
        assertThat(jdbc.sql("SELECT key_sealed FROM verification_code_key").query(String.class).single())
                .startsWith("v1.");
    }

    @Test
    void sdkWhenUserWithoutProtectionThenTokenIssued() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a, Map.of("email", "sdk-" + Fixtures.unique() + "@example.test"));

        KeystoneCreateUserTokenByPasswordResponse r = sdk().keystoneCreateUserTokenByPassword(sdkSignIn(a, u));

        assertThat(r.getXSubjectToken()).isNotBlank();
        assertThat(r.getToken().getUser().getId()).isEqualTo(u.id());
    }

    @Test
    void sdkWhenUserProtectedThenRefusal401Iam0001SaysCodeWasSent() {
        TestAccount a = fixtures.newAccount();
        String email = "sdkp-" + Fixtures.unique() + "@example.test";
        TestUser u = protectedUser(a, "email", Map.of("email", email));

        ClientRequestException e = null;
        try {
            sdk().keystoneCreateUserTokenByPassword(sdkSignIn(a, u));
        } catch (ClientRequestException refused) {
            e = refused;
        }

        assertThat(e).as("the SDK call must be refused").isNotNull();
        assertThat(e.getHttpStatusCode()).isEqualTo(401);
        assertThat(e.getErrorCode()).isEqualTo("IAM.0001");
        assertThat(e.getErrorMsg()).contains("verification code");
        assertThat(mailsTo(email, 1)).hasSize(1);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private TestUser protectedUser(TestAccount a, String method, Map<String, Object> contact) {
        TestUser u = fixtures.newUser(a, contact);
        Api.Response r = api.put(protectPath(u), a.adminToken(), protectBody(true, method));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return u;
    }

    private static String protectPath(TestUser u) {
        return "/v3.0/OS-USER/users/" + u.id() + "/login-protect";
    }

    private static Map<String, Object> protectBody(boolean enabled, String method) {
        return Map.of("login_protect", Map.of("enabled", enabled, "verification_method", method));
    }

    private Api.Response firstStep(TestUser u) {
        return api.call("POST", "/v3/auth/tokens").header("User-Agent", USER_AGENT)
                .json(Fixtures.passwordAuth(u.account().name(), u.name(), Fixtures.USER_PASSWORD)).send();
    }

    private Api.Response secondStep(TestUser u, String verificationId, String code) {
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("id", verificationId);
        verification.put("code", code);
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password", "verification_code"),
                        "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                                "domain", Map.of("name", u.account().name()))),
                        "verification_code", verification),
                "scope", Map.of("domain", Map.of("name", u.account().name()))));
        return api.call("POST", "/v3/auth/tokens").header("User-Agent", USER_AGENT).json(body).send();
    }

    /** Moves a code's times into the past, as if it had been sent {@code by} earlier. */
    private void age(String id, Duration by) {
        Map<String, Object> row = jdbc.sql("SELECT created_at, expires_at FROM verification_code WHERE id = :id")
                .param("id", id).query().singleRow();
        jdbc.sql("UPDATE verification_code SET created_at = :c, expires_at = :e WHERE id = :id")
                .param("c", asTime(row.get("created_at")).minus(by)).param("e", asTime(row.get("expires_at")).minus(by))
                .param("id", id).update();
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

    /** Moves the user's last send (not its codes' creation) a little into the past. */
    private void ageSends(TestUser u, Duration by) {
        OffsetDateTime last = jdbc.sql("SELECT last_sent_at FROM verification_code_sender WHERE user_id = :u")
                .param("u", u.id()).query(OffsetDateTime.class).single();
        jdbc.sql("UPDATE verification_code_sender SET last_sent_at = :t WHERE user_id = :u")
                .param("t", last.minus(by)).param("u", u.id()).update();
    }

    private List<Map<String, Object>> events(TestUser u) {
        return jdbc.sql("SELECT * FROM signin_event WHERE user_id = :u ORDER BY id").param("u", u.id()).query()
                .listOfRows();
    }

    private Map<String, Object> lastEvent(TestUser u) {
        List<Map<String, Object>> all = events(u);
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static List<MimeMessage> mailsTo(String address, int expected) {
        return Mailbox.mailsTo(SMTP, address, expected);
    }

    private static MimeMessage onlyMailTo(String address) {
        return Mailbox.onlyMailTo(SMTP, address);
    }

    private static String text(MimeMessage mail) {
        return Mailbox.text(mail);
    }

    private static String codeIn(MimeMessage mail) {
        return Mailbox.codeIn(mail);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(10));
        }
        return s.toString();
    }

    private static List<Api.Response> concurrently(int n, java.util.concurrent.Callable<Api.Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private IamClient sdk() {
        return IamClient.newBuilder().withCredential(new IAMCredentials().withXAuthToken(null))
                .withEndpoints(List.of("http://127.0.0.1:" + port))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true)).build();
    }

    private static KeystoneCreateUserTokenByPasswordRequest sdkSignIn(TestAccount a, TestUser u) {
        return new KeystoneCreateUserTokenByPasswordRequest().withBody(new KeystoneCreateUserTokenByPasswordRequestBody()
                .withAuth(new PwdAuth()
                        .withIdentity(new PwdIdentity().withMethods(List.of(PwdIdentity.MethodsEnum.PASSWORD))
                                .withPassword(new PwdPassword().withUser(new PwdPasswordUser().withName(u.name())
                                        .withPassword(Fixtures.USER_PASSWORD)
                                        .withDomain(new PwdPasswordUserDomain().withName(a.name())))))
                        .withScope(new AuthScope().withDomain(new AuthScopeDomain().withName(a.name())))));
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    /** The SMS gateway's stand-in: the JDK's HTTP server on 127.0.0.1, recording every request. */
    static final class SmsReceiver {

        record Received(String authorization, String contentType, JsonNode body) {
        }

        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();
        volatile int status = 200;

        private SmsReceiver(HttpServer server) {
            this.server = server;
        }

        static SmsReceiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                SmsReceiver receiver = new SmsReceiver(server);
                server.createContext("/sms", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                            exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
                    byte[] answer = (receiver.status == 200 ? "{\"result\":\"queued\"}" : "{\"error\":\"down\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(receiver.status, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
        }

        List<Received> to(String number) {
            return received.stream().filter(r -> number.equals(r.body().get("to").asString())).toList();
        }

        Received onlyTo(String number) {
            List<Received> found = to(number);
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
