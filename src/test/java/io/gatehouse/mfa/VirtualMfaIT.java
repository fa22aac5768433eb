package io.gatehouse.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TotpCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Virtual MFA devices ({@code /v3.0/OS-MFA}) and the TOTP step of sign-in. Codes are computed here from
 * the seed the server returned, as an authenticator app would, for the step the test chooses.
 */
class VirtualMfaIT extends IntegrationTest {

    static final String DEVICES = "/v3.0/OS-MFA/virtual-mfa-devices";
    static final String BIND = "/v3.0/OS-MFA/mfa-devices/bind";
    static final String UNBIND = "/v3.0/OS-MFA/mfa-devices/unbind";

    @Autowired
    io.gatehouse.testsupport.Grants grants;

    @Autowired
    JdbcClient jdbc;

    // ---- create ------------------------------------------------------------------------------

    @Test
    void createWhenUserCreatesOwnDeviceThen201WithSeedUriAndQrCodeOfTheUri() throws Exception {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String name = "phone-" + Fixtures.unique();

        Api.Response r = create(fixtures.token(u), u.id(), name);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode d = r.json().get("virtual_mfa_device");
        assertThat(d.propertyNames()).containsExactlyInAnyOrder("serial_number", "base32_string_seed", "otpauth_uri",
                "qr_code_png");
        assertThat(d.get("serial_number").asString()).isEqualTo("iam:" + a.id() + ":mfa/" + name);
        String seed = d.get("base32_string_seed").asString();
        assertThat(seed).matches("[A-Z2-7]{32}");
        assertThat(new Base32().decode(seed)).hasSize(20);
        String uri = d.get("otpauth_uri").asString();
        assertThat(uri).startsWith("otpauth://totp/Gatehouse:" + u.name() + "@" + a.name() + "?")
                .contains("secret=" + seed).contains("issuer=Gatehouse").contains("algorithm=SHA1")
                .contains("digits=6").contains("period=30");
        byte[] png = Base64.getDecoder().decode(d.get("qr_code_png").asString());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(uri);
    }

    @Test
    void createWhenSeedStoredThenOnlySealedNeverInClear() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Device d = createDevice(u, fixtures.token(u));

        String stored = jdbc.sql("SELECT seed_enc FROM virtual_mfa_device WHERE serial_number = :s")
                .param("s", d.serial()).query(String.class).single();

        byte[] raw = new Base32().decode(d.seed());
        assertThat(stored).startsWith("v1.").doesNotContain(d.seed()).doesNotContain(d.seed().toLowerCase())
                .doesNotContain(java.util.HexFormat.of().formatHex(raw))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(raw))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        // Nor is it shown again: show and list carry the serial number and the user only.
        assertThat(api.get(DEVICES, a.adminToken()).text()).doesNotContain(d.seed());
    }

    @Test
    void createWhenAdministratorNamesAnotherUserThen403AndNoDevice() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        Api.Response r = create(a.adminToken(), u.id(), "phone");

        assertRefused(r, 403, "IAM.0003");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE user_id = :u").param("u", u.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void createWhenNameInvalidOrMissingThen400() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response spaces = create(token, u.id(), "my phone");
        Api.Response tooLong = create(token, u.id(), "x".repeat(65));
        Api.Response missing = api.post(DEVICES, token, Map.of("virtual_mfa_device", Map.of("user_id", u.id())));
        Api.Response unwrapped = api.post(DEVICES, token, Map.of("name", "phone", "user_id", u.id()));

        assertRefused(spaces, 400, "IAM.0007");
        assertThat(spaces.json().get("error_msg").asString()).contains("virtual_mfa_device.name");
        assertRefused(tooLong, 400, "IAM.0007");
        assertRefused(missing, 400, "IAM.0072");
        assertThat(unwrapped.status()).isEqualTo(400);
    }

    @Test
    void createWhenUnboundDeviceExistsThenItIsReplaced() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Device old = createDevice(u, token);

        Device replacement = createDevice(u, token);

        long step = TotpCodes.awaitStepWithAtLeast(5);
        assertRefused(bind(token, u, old, step - 1, step), 404, "IAM.0004");
        assertThat(bind(token, u, replacement, step - 1, step).status()).isEqualTo(204);
    }

    @Test
    void createWhenBoundDeviceExistsThen409() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        bindNewDevice(u, token);

        Api.Response r = create(token, u.id(), "second-" + Fixtures.unique());

        assertRefused(r, 409, "IAM.0005");
        assertThat(r.json().get("error_msg").asString()).contains("bound");
    }

    @Test
    void createWhenNameUsedByAnotherUserOfTheAccountThen409() {
        TestAccount a = fixtures.newAccount();
        TestUser first = fixtures.newUser(a);
        TestUser second = fixtures.newUser(a);
        assertThat(create(fixtures.token(first), first.id(), "shared").status()).isEqualTo(201);

        Api.Response r = create(fixtures.token(second), second.id(), "shared");

        assertRefused(r, 409, "IAM.0005");
    }

    // ---- bind --------------------------------------------------------------------------------

    @Test
    void bindWhenTwoConsecutiveCodesThen204AndDeviceShown() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Device d = createDevice(u, token);
        long step = TotpCodes.awaitStepWithAtLeast(5);

        Api.Response r = bind(token, u, d, step - 1, step);

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        JsonNode shown = api.get(showPath(u), token).json().get("virtual_mfa_device");
        assertThat(shown.get("serial_number").asString()).isEqualTo(d.serial());
        assertThat(shown.get("user_id").asString()).isEqualTo(u.id());
        assertThat(operations(a)).contains("iam:mfa:createVirtualMFADevice/success/" + d.serial(),
                "iam:mfa:bindMFADevice/success/" + d.serial());
    }

    @Test
    void bindWhenWrongCodeThen400Iam1061AndStillUnbound() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Device d = createDevice(u, token);
        long step = TotpCodes.awaitStepWithAtLeast(5);
        String right = code(d, step);

        Api.Response wrong = bindCodes(token, u, d, code(d, step - 1), wrongCode(right));
        Api.Response letters = bindCodes(token, u, d, "abcdef", right);

        assertRefused(wrong, 400, "IAM.1061");
        assertRefused(letters, 400, "IAM.1061");
        assertRefused(api.get(showPath(u), token), 404, "IAM.0004");
        assertThat(operations(a)).contains("iam:mfa:bindMFADevice/failure/null");
    }

    @Test
    void bindWhenCodesNotConsecutiveThen400Iam1061() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Device d = createDevice(u, token);
        long step = TotpCodes.awaitStepWithAtLeast(5);

        Api.Response gap = bind(token, u, d, step - 1, step + 1);
        Api.Response swapped = bind(token, u, d, step, step - 1);
        Api.Response same = bind(token, u, d, step, step);

        assertRefused(gap, 400, "IAM.1061");
        assertRefused(swapped, 400, "IAM.1061");
        assertRefused(same, 400, "IAM.1061");
        assertRefused(api.get(showPath(u), token), 404, "IAM.0004");
    }

    @Test
    void bindWhenSecondCodeOneStepAwayThenAcceptedAndTwoStepsAwayRefused() {
        TestAccount a = fixtures.newAccount();
        TestUser behind = fixtures.newUser(a);
        TestUser ahead = fixtures.newUser(a);
        String behindToken = fixtures.token(behind);
        String aheadToken = fixtures.token(ahead);
        Device b = createDevice(behind, behindToken);
        Device f = createDevice(ahead, aheadToken);
        long step = TotpCodes.awaitStepWithAtLeast(8);

        Api.Response twoBehind = bind(behindToken, behind, b, step - 3, step - 2);
        Api.Response twoAhead = bind(behindToken, behind, b, step + 1, step + 2);
        Api.Response oneBehind = bind(behindToken, behind, b, step - 2, step - 1);
        Api.Response oneAhead = bind(aheadToken, ahead, f, step, step + 1);

        assertRefused(twoBehind, 400, "IAM.1061");
        assertRefused(twoAhead, 400, "IAM.1061");
        assertThat(oneBehind.status()).as(oneBehind.toString()).isEqualTo(204);
        assertThat(oneAhead.status()).as(oneAhead.toString()).isEqualTo(204);
    }

    @Test
    void bindWhenAlreadyBoundThen409() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);

        Api.Response r = bind(token, u, bound.device(), bound.step(), bound.step() + 1);

        assertRefused(r, 409, "IAM.0005");
    }

    @Test
    void bindWhenSomeoneElsesDeviceThen403() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser plain = fixtures.newUser(a);
        Device d = createDevice(u, fixtures.token(u));
        long step = TotpCodes.awaitStepWithAtLeast(5);

        Api.Response byPlainUser = bind(fixtures.token(plain), u, d, step - 1, step);
        Api.Response byAdministrator = bind(a.adminToken(), u, d, step - 1, step);
        Api.Response byOtherAccount = bind(other.adminToken(), u, d, step - 1, step);

        assertRefused(byPlainUser, 403, "IAM.0003");
        assertRefused(byAdministrator, 403, "IAM.0003");
        assertRefused(byOtherAccount, 403, "IAM.0003");
        assertRefused(api.get(showPath(u), a.adminToken()), 404, "IAM.0004");
    }

    // ---- sign-in -----------------------------------------------------------------------------

    @Test
    void signInWhenVmfaProtectionAndPasswordOnlyThen401AskingForTotp() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.header("X-Subject-Token")).isNull();
        assertThat(r.errorCode()).isEqualTo("IAM.0001");
        assertThat(r.json().get("error_msg").asString()).contains("second factor").contains("totp");
        assertThat(signInEvents(u)).endsWith("failure/mfa_required");
    }

    @Test
    void signInWhenVmfaProtectionAndWrongPasswordThen401WithoutMentioningMfa() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = fixtures.signIn(a.name(), u.name(), "Wrong-Pass-1234");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).doesNotContainIgnoringCase("totp").doesNotContainIgnoringCase("factor");
    }

    @Test
    void signInWhenVmfaProtectionAndValidCodeThen201() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = signInWithTotp(u, code(bound.device(), bound.step()));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Api.Response validated = api.call("GET", "/v3/auth/tokens").token(a.adminToken())
                .header("X-Subject-Token", r.header("X-Subject-Token")).send();
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("token").get("user").get("id").asString()).isEqualTo(u.id());
        assertThat(signInEvents(u)).endsWith("success/null");
    }

    @Test
    void signInWhenCodeReplayedThen401MfaFailed() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);
        String code = code(bound.device(), bound.step());

        Api.Response first = signInWithTotp(u, code);
        Api.Response replay = signInWithTotp(u, code);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("IAM.0001");
        assertThat(replay.header("X-Subject-Token")).isNull();
        assertThat(signInEvents(u)).endsWith("success/null", "failure/mfa_failed");
    }

    @Test
    void signInWhenCodeUsedToBindThenRefused() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = signInWithTotp(u, code(bound.device(), bound.step() - 1));

        assertThat(r.status()).isEqualTo(401);
        assertThat(signInEvents(u)).endsWith("failure/mfa_failed");
    }

    @Test
    void signInWhenWrongCodeThen401MfaFailed() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response wrong = signInWithTotp(u, wrongCode(code(bound.device(), bound.step())));
        Api.Response malformed = signInWithTotp(u, "12345");

        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.json().get("error_msg").asString()).contains("passcode");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(signInEvents(u)).endsWith("failure/mfa_failed", "failure/mfa_failed");
    }

    @Test
    void signInWhenWrongCodesReachLockoutThresholdThenLockedEvenWithTheRightCode() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);
        Api.Response policy = api.put("/v3.0/OS-SECURITYPOLICY/domains/" + a.id() + "/login-policy", a.adminToken(),
                Map.of("login_policy", Map.of("login_failed_times", 3)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        String right = code(bound.device(), bound.step() + 1);

        for (int i = 0; i < 3; i++) {
            assertThat(signInWithTotp(u, wrongCode(right)).status()).isEqualTo(401);
        }
        Api.Response locked = signInWithTotp(u, right);

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.errorCode()).isEqualTo("IAM.0061");
        assertThat(locked.header("X-Subject-Token")).isNull();
    }

    @Test
    void signInWhenPasswordAndTotpThenTokenAndEventNameBothMethods() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = signInWithTotp(u, code(bound.device(), bound.step()));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("token").get("methods").toString()).isEqualTo("[\"password\",\"totp\"]");
        assertThat(jdbc.sql("SELECT method FROM signin_event WHERE user_id = :u AND result = 'success' ORDER BY id DESC")
                .param("u", u.id()).query(String.class).list().get(0)).isEqualTo("password+totp");
    }

    @Test
    void signInWhenClockSkewThenOneStepEitherSideAcceptedAndTwoStepsRefused() throws Exception {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);
        // The bind used the step before the current one; move to the next step, so that the step just
        // behind is one no code has used.
        Thread.sleep(30_000 - System.currentTimeMillis() % 30_000 + 300);
        long step = TotpCodes.currentStep();
        assertThat(step).isEqualTo(bound.step() + 1);

        Api.Response twoAhead = signInWithTotp(u, code(bound.device(), step + 2));
        Api.Response oneBehind = signInWithTotp(u, code(bound.device(), step - 1));
        Api.Response oneAhead = signInWithTotp(u, code(bound.device(), step + 1));
        Api.Response threeAhead = signInWithTotp(u, code(bound.device(), step + 3));

        assertThat(twoAhead.status()).as(twoAhead.toString()).isEqualTo(401);
        assertThat(oneBehind.status()).as(oneBehind.toString()).isEqualTo(201);
        assertThat(oneAhead.status()).as(oneAhead.toString()).isEqualTo(201);
        assertThat(threeAhead.status()).isEqualTo(401);
    }

    @Test
    void signInWhenNoProtectionButTotpSentThenTheCodeIsChecked() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));

        Api.Response passwordOnly = fixtures.signIn(a.name(), u.name(), Fixtures.USER_PASSWORD);
        Api.Response wrong = signInWithTotp(u, wrongCode(code(bound.device(), bound.step())));
        Api.Response right = signInWithTotp(u, code(bound.device(), bound.step()));

        assertThat(passwordOnly.status()).isEqualTo(201);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(right.status()).as(right.toString()).isEqualTo(201);
    }

    @Test
    void signInWhenTotpSentAndNoBoundDeviceThen401() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Device d = createDevice(u, fixtures.token(u));

        Api.Response r = signInWithTotp(u, code(d, TotpCodes.currentStep()));

        assertThat(r.status()).isEqualTo(401);
        assertThat(signInEvents(u)).endsWith("failure/mfa_failed");
    }

    @Test
    void signInWhenSdkStyleMethodWithLeadingSpaceThenAccepted() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        protectWithVmfa(a, u);

        Api.Response r = api.post("/v3/auth/tokens", null, totpAuth(u, List.of("password", " totp"),
                code(bound.device(), bound.step())));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    // ---- login protection --------------------------------------------------------------------

    @Test
    void loginProtectWhenVmfaThenOnlyWithABoundDevice() {
        TestAccount a = fixtures.newAccount();
        TestUser pending = fixtures.newUser(a);
        TestUser u = fixtures.newUser(a);
        createDevice(pending, fixtures.token(pending));
        bindNewDevice(u, fixtures.token(u));

        Api.Response unbound = api.put(loginProtectPath(pending), a.adminToken(), vmfa(true));
        Api.Response bound = api.put(loginProtectPath(u), a.adminToken(), vmfa(true));

        assertRefused(unbound, 400, "IAM.0007");
        assertThat(unbound.json().get("error_msg").asString()).contains("vmfa").contains("virtual MFA device");
        assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
        assertThat(bound.json().get("login_protect").get("verification_method").asString()).isEqualTo("vmfa");
        assertThat(bound.json().get("login_protect").get("enabled").asBoolean()).isTrue();
    }

    // ---- unbind ------------------------------------------------------------------------------

    @Test
    void unbindWhenLoginProtectionUsesTheDeviceThen400Iam1062UntilItIsSwitchedOff() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);
        protectWithVmfa(a, u);

        Api.Response refused = unbind(token, u, bound.device(), code(bound.device(), bound.step()));
        Api.Response byAdministrator = unbind(a.adminToken(), u, bound.device(), "000000");

        assertRefused(refused, 400, "IAM.1062");
        assertRefused(byAdministrator, 400, "IAM.1062");
        assertThat(api.get(showPath(u), token).status()).isEqualTo(200);

        assertThat(api.put(loginProtectPath(u), a.adminToken(), vmfa(false)).status()).isEqualTo(200);
        Api.Response unbound = unbind(token, u, bound.device(), code(bound.device(), bound.step()));

        assertThat(unbound.status()).as(unbound.toString()).isEqualTo(204);
        assertRefused(api.get(showPath(u), token), 404, "IAM.0004");
        assertThat(operations(a)).contains("iam:mfa:unbindMFADevice/failure/null",
                "iam:mfa:unbindMFADevice/success/" + bound.device().serial());
    }

    @Test
    void unbindWhenWrongOrUsedCodeThen400Iam1061AndStillBound() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);

        Api.Response wrong = unbind(token, u, bound.device(), wrongCode(code(bound.device(), bound.step())));
        Api.Response used = unbind(token, u, bound.device(), code(bound.device(), bound.step() - 1));

        assertRefused(wrong, 400, "IAM.1061");
        assertRefused(used, 400, "IAM.1061");
        assertThat(api.get(showPath(u), token).status()).isEqualTo(200);
    }

    @Test
    void unbindWhenAdministratorForAnotherUserThen204WithoutCheckingTheCode() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));

        Api.Response r = unbind(a.adminToken(), u, bound.device(), "000000");

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertRefused(api.get(showPath(u), a.adminToken()), 404, "IAM.0004");
    }

    @Test
    void unbindWhenPlainUserOrOtherAccountOnSomeoneElsesDeviceThenRefusedAndStillBound() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser plain = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));
        String code = code(bound.device(), bound.step());

        Api.Response byPlainUser = unbind(fixtures.token(plain), u, bound.device(), code);
        Api.Response byOtherAccount = unbind(other.adminToken(), u, bound.device(), code);

        assertRefused(byPlainUser, 403, "IAM.0003");
        assertRefused(byOtherAccount, 404, "IAM.0004");
        assertThat(api.get(showPath(u), a.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void unbindWhenFieldMissingThen400Iam0072() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);

        Api.Response r = api.put(UNBIND, token, Map.of("user_id", u.id(), "serial_number", bound.device().serial()));

        assertRefused(r, 400, "IAM.0072");
        assertThat(r.json().get("error_msg").asString()).contains("authentication_code");
    }

    // ---- delete ------------------------------------------------------------------------------

    @Test
    void deleteWhenBoundThen409AndWhenUnboundThen204AndGone() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);
        Device d = bound.device();

        Api.Response whileBound = delete(token, u, d);
        assertThat(unbind(token, u, d, code(d, bound.step())).status()).isEqualTo(204);
        Api.Response afterUnbind = delete(token, u, d);
        Api.Response again = delete(token, u, d);

        assertRefused(whileBound, 409, "IAM.0005");
        assertThat(afterUnbind.status()).as(afterUnbind.toString()).isEqualTo(204);
        assertRefused(again, 404, "IAM.0004");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE user_id = :u").param("u", u.id())
                .query(Long.class).single()).isZero();
        assertThat(operations(a)).containsSubsequence("iam:mfa:createVirtualMFADevice/success/" + d.serial(),
                "iam:mfa:bindMFADevice/success/" + d.serial(), "iam:mfa:unbindMFADevice/success/" + d.serial(),
                "iam:mfa:deleteVirtualMFADevice/success/" + d.serial());
    }

    @Test
    void deleteWhenAdministratorOfTheAccountThen204() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Device d = createDevice(u, fixtures.token(u));

        Api.Response r = delete(a.adminToken(), u, d);

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    @Test
    void deleteWhenAnotherUsersDeviceThenWhatTheCallersPoliciesAllow() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser reader = fixtures.newUser(a);
        TestUser security = fixtures.newUser(a);
        grants.onAccount(reader, io.gatehouse.testsupport.Grants.IAM_READ_ONLY_ACCESS);
        // A custom policy that allows this one action and nothing else: no administrator, yet allowed.
        grants.onAccount(security, io.gatehouse.access.CustomPolicyIT.create(api, a, "Delete devices",
                io.gatehouse.access.CustomPolicyIT.policy(io.gatehouse.access.CustomPolicyIT.statement("Allow",
                        "iam:mfa:deleteVirtualMFADevice"))));
        Device d = createDevice(u, fixtures.token(u));

        Api.Response byReader = delete(fixtures.token(reader), u, d);
        assertRefused(byReader, 403, "IAM.0003");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE serial_number = :s")
                .param("s", d.serial()).query(Long.class).single()).isEqualTo(1);

        Api.Response byGranted = delete(fixtures.token(security), u, d);
        assertThat(byGranted.status()).as(byGranted.toString()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE serial_number = :s")
                .param("s", d.serial()).query(Long.class).single()).isZero();
    }

    @Test
    void deleteWhenPlainUserOrOtherAccountOnSomeoneElsesDeviceThenRefusedAndKept() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser plain = fixtures.newUser(a);
        Device d = createDevice(u, fixtures.token(u));

        Api.Response byPlainUser = delete(fixtures.token(plain), u, d);
        Api.Response byOtherAccount = delete(other.adminToken(), u, d);
        Api.Response missingQuery = api.delete(DEVICES + "?user_id=" + u.id(), a.adminToken());

        assertRefused(byPlainUser, 403, "IAM.0003");
        assertRefused(byOtherAccount, 404, "IAM.0004");
        assertRefused(missingQuery, 400, "IAM.0072");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE serial_number = :s")
                .param("s", d.serial()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void deleteWhenUserDeletedThenDeviceGoesWithIt() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        Bound bound = bindNewDevice(u, fixtures.token(u));

        assertThat(api.delete("/v3/users/" + u.id(), a.adminToken()).status()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM virtual_mfa_device WHERE serial_number = :s")
                .param("s", bound.device().serial()).query(Long.class).single()).isZero();
    }

    // ---- show and list -----------------------------------------------------------------------

    @Test
    void showWhenSelfOrAdministratorThen200AndOthersRefused() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        TestUser plain = fixtures.newUser(a);
        String token = fixtures.token(u);
        Bound bound = bindNewDevice(u, token);

        Api.Response self = api.get(showPath(u), token);
        Api.Response admin = api.get(showPath(u), a.adminToken());
        Api.Response byPlainUser = api.get(showPath(u), fixtures.token(plain));
        Api.Response byOtherAccount = api.get(showPath(u), other.adminToken());

        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json()).isEqualTo(admin.json());
        JsonNode d = self.json().get("virtual_mfa_device");
        assertThat(d.propertyNames()).containsExactlyInAnyOrder("serial_number", "user_id");
        assertThat(d.get("serial_number").asString()).isEqualTo(bound.device().serial());
        assertRefused(byPlainUser, 403, "IAM.0003");
        assertRefused(byOtherAccount, 404, "IAM.0004");
    }

    @Test
    void showWhenNoBoundDeviceThen404() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);
        String token = fixtures.token(u);

        Api.Response none = api.get(showPath(u), token);
        createDevice(u, token);
        Api.Response unbound = api.get(showPath(u), token);

        assertRefused(none, 404, "IAM.0004");
        assertRefused(unbound, 404, "IAM.0004");
    }

    @Test
    void listWhenAdministratorThenBoundDevicesOfOwnAccountOnly() {
        TestAccount a = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        TestUser u1 = fixtures.newUser(a);
        TestUser u2 = fixtures.newUser(a);
        TestUser pending = fixtures.newUser(a);
        TestUser elsewhere = fixtures.newUser(other);
        Bound b1 = bindNewDevice(u1, fixtures.token(u1));
        Bound b2 = bindNewDevice(u2, fixtures.token(u2));
        createDevice(pending, fixtures.token(pending));
        bindNewDevice(elsewhere, fixtures.token(elsewhere));

        Api.Response r = api.get(DEVICES, a.adminToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        r.json().get("virtual_mfa_devices").forEach(d -> listed.add(d.get("user_id").asString() + " "
                + d.get("serial_number").asString()));
        assertThat(listed).containsExactlyInAnyOrder(u1.id() + " " + b1.device().serial(),
                u2.id() + " " + b2.device().serial());
    }

    @Test
    void listWhenPlainUserThen403() {
        TestAccount a = fixtures.newAccount();
        TestUser u = fixtures.newUser(a);

        assertRefused(api.get(DEVICES, fixtures.token(u)), 403, "IAM.0003");
    }

    // ---- helpers -----------------------------------------------------------------------------

    record Device(String serial, String seed) {
    }

    /** A bound device, and the step current when it was bound (the bind used the two steps before it). */
    record Bound(Device device, long step) {
    }

    private Api.Response create(String token, String userId, String name) {
        return api.post(DEVICES, token, Map.of("virtual_mfa_device", Map.of("name", name, "user_id", userId)));
    }

    private Device createDevice(TestUser u, String token) {
        Api.Response r = create(token, u.id(), "phone-" + Fixtures.unique());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode d = r.json().get("virtual_mfa_device");
        return new Device(d.get("serial_number").asString(), d.get("base32_string_seed").asString());
    }

    /**
     * Creates and binds a device with the codes of the two steps before the current one, leaving the
     * current step and the next one unused for the test, with at least 8 seconds left in the step.
     */
    private Bound bindNewDevice(TestUser u, String token) {
        Device d = createDevice(u, token);
        long step = TotpCodes.awaitStepWithAtLeast(8);
        Api.Response r = bind(token, u, d, step - 2, step - 1);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        return new Bound(d, step);
    }

    private Api.Response bind(String token, TestUser u, Device d, long firstStep, long secondStep) {
        return bindCodes(token, u, d, code(d, firstStep), code(d, secondStep));
    }

    private Api.Response bindCodes(String token, TestUser u, Device d, String first, String second) {
        return api.put(BIND, token, Map.of("user_id", u.id(), "serial_number", d.serial(),
                "authentication_code_first", first, "authentication_code_second", second));
    }

    private Api.Response unbind(String token, TestUser u, Device d, String code) {
        return api.put(UNBIND, token, Map.of("user_id", u.id(), "serial_number", d.serial(),
                "authentication_code", code));
    }

    private Api.Response delete(String token, TestUser u, Device d) {
        return api.delete(DEVICES + "?user_id=" + u.id() + "&serial_number=" + enc(d.serial()), token);
    }

    private void protectWithVmfa(TestAccount a, TestUser u) {
        Api.Response r = api.put(loginProtectPath(u), a.adminToken(), vmfa(true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Api.Response signInWithTotp(TestUser u, String passcode) {
        return api.post("/v3/auth/tokens", null, totpAuth(u, List.of("password", "totp"), passcode));
    }

    static Map<String, Object> totpAuth(TestUser u, List<String> methods, String passcode) {
        return Map.of("auth", Map.of(
                "identity", Map.of("methods", methods,
                        "password", Map.of("user", Map.of("name", u.name(), "password", Fixtures.USER_PASSWORD,
                                "domain", Map.of("name", u.account().name()))),
                        "totp", Map.of("user", Map.of("id", u.id(), "passcode", passcode))),
                "scope", Map.of("domain", Map.of("name", u.account().name()))));
    }

    private List<String> signInEvents(TestUser u) {
        return jdbc.sql("SELECT result, cause FROM signin_event WHERE user_id = :u ORDER BY id").param("u", u.id())
                .query((rs, n) -> rs.getString("result") + "/" + rs.getString("cause")).list();
    }

    private List<String> operations(TestAccount a) {
        return afterSealing(jdbc).sql("SELECT operation, result, resource_id FROM operation_log WHERE domain_id = :d "
                + "AND operation LIKE 'iam:mfa:%' ORDER BY id").param("d", a.id())
                .query((rs, n) -> rs.getString("operation") + "/" + rs.getString("result") + "/"
                        + rs.getString("resource_id")).list();
    }

    static String code(Device d, long step) {
        return TotpCodes.code(d.seed(), step);
    }

    /** A well-formed code that differs from {@code right} in its last digit. */
    static String wrongCode(String right) {
        char last = right.charAt(5);
        return right.substring(0, 5) + (char) (last == '9' ? '0' : last + 1);
    }

    private static Map<String, Object> vmfa(boolean enabled) {
        return Map.of("login_protect", Map.of("enabled", enabled, "verification_method", "vmfa"));
    }

    private static String showPath(TestUser u) {
        return "/v3.0/OS-MFA/users/" + u.id() + "/virtual-mfa-device";
    }

    private static String loginProtectPath(TestUser u) {
        return "/v3.0/OS-USER/users/" + u.id() + "/login-protect";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertRefused(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
    }
}
