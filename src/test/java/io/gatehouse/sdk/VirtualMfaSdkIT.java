package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AuthScope;
import com.huaweicloud.sdk.iam.v3.model.AuthScopeDomain;
import com.huaweicloud.sdk.iam.v3.model.BindMfaDevice;
import com.huaweicloud.sdk.iam.v3.model.CreateBindingDeviceRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateMfaDevice;
import com.huaweicloud.sdk.iam.v3.model.CreateMfaDeviceReq;
import com.huaweicloud.sdk.iam.v3.model.CreateMfaDeviceRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateMfaDeviceRespon;
import com.huaweicloud.sdk.iam.v3.model.DeleteBindingDeviceRequest;
import com.huaweicloud.sdk.iam.v3.model.DeleteMfaDeviceRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordAndMfaRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordAndMfaRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordAndMfaResponse;
import com.huaweicloud.sdk.iam.v3.model.ListUserMfaDevicesRequest;
import com.huaweicloud.sdk.iam.v3.model.MfaAuth;
import com.huaweicloud.sdk.iam.v3.model.MfaDeviceResult;
import com.huaweicloud.sdk.iam.v3.model.MfaIdentity;
import com.huaweicloud.sdk.iam.v3.model.MfaTotp;
import com.huaweicloud.sdk.iam.v3.model.MfaTotpUser;
import com.huaweicloud.sdk.iam.v3.model.PwdPassword;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUser;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUserDomain;
import com.huaweicloud.sdk.iam.v3.model.ShowUserMfaDeviceRequest;
import com.huaweicloud.sdk.iam.v3.model.UnbindMfaDevice;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProject;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProjectReq;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProtectRequest;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TotpCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtual MFA and password + TOTP sign-in driven by the official Huawei Cloud IAM SDK 3.1.192, unmodified. */
class VirtualMfaSdkIT extends IntegrationTest {

    @Test
    void virtualMfaWhenDrivenBySdkThenDeviceLifecycleAndPasswordPlusTotpSignInWork() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient self = Sdk.client(port, fixtures.token(user));
        IamClient admin = Sdk.client(port, account.adminToken());
        String name = "sdk-" + Fixtures.unique();

        CreateMfaDeviceRespon created = self.createMfaDevice(new CreateMfaDeviceRequest().withBody(
                new CreateMfaDeviceReq().withVirtualMfaDevice(new CreateMfaDevice().withName(name)
                        .withUserId(user.id())))).getVirtualMfaDevice();
        assertThat(created.getSerialNumber()).isEqualTo("iam:" + account.id() + ":mfa/" + name);
        String seed = created.getBase32StringSeed();
        assertThat(seed).matches("[A-Z2-7]{32}");

        long step = TotpCodes.awaitStepWithAtLeast(10);
        self.createBindingDevice(new CreateBindingDeviceRequest().withBody(new BindMfaDevice().withUserId(user.id())
                .withSerialNumber(created.getSerialNumber())
                .withAuthenticationCodeFirst(TotpCodes.code(seed, step - 2))
                .withAuthenticationCodeSecond(TotpCodes.code(seed, step - 1))));

        MfaDeviceResult shown = self.showUserMfaDevice(new ShowUserMfaDeviceRequest().withUserId(user.id()))
                .getVirtualMfaDevice();
        assertThat(shown.getSerialNumber()).isEqualTo(created.getSerialNumber());
        assertThat(shown.getUserId()).isEqualTo(user.id());
        List<MfaDeviceResult> listed = admin.listUserMfaDevices(new ListUserMfaDevicesRequest()).getVirtualMfaDevices();
        assertThat(listed).extracting(MfaDeviceResult::getSerialNumber).containsExactly(created.getSerialNumber());

        admin.updateLoginProtect(loginProtect(user, true));

        ClientRequestException passwordOnly = Sdk.refusal(() -> self.keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), user.name(), Fixtures.USER_PASSWORD)));
        assertThat(passwordOnly.getHttpStatusCode()).isEqualTo(401);
        assertThat(passwordOnly.getErrorCode()).isEqualTo("IAM.0001");
        assertThat(passwordOnly.getErrorMsg()).contains("totp");

        // The SDK's own constant sends " totp", with a leading space.
        assertThat(MfaIdentity.MethodsEnum._TOTP.getValue()).isEqualTo(" totp");
        String code = TotpCodes.code(seed, step);
        KeystoneCreateUserTokenByPasswordAndMfaResponse signedIn = self.keystoneCreateUserTokenByPasswordAndMfa(
                passwordAndTotp(account, user, code));
        assertThat(signedIn.getXSubjectToken()).isNotBlank();
        assertThat(signedIn.getToken().getUser().getId()).isEqualTo(user.id());

        ClientRequestException replay = Sdk.refusal(() -> self.keystoneCreateUserTokenByPasswordAndMfa(
                passwordAndTotp(account, user, code)));
        assertThat(replay.getHttpStatusCode()).isEqualTo(401);

        ClientRequestException stillProtected = Sdk.refusal(() -> self.deleteBindingDevice(unbind(user, created,
                TotpCodes.code(seed, step + 1))));
        assertThat(stillProtected.getHttpStatusCode()).isEqualTo(400);
        assertThat(stillProtected.getErrorCode()).isEqualTo("IAM.1062");

        admin.updateLoginProtect(loginProtect(user, false));
        self.deleteBindingDevice(unbind(user, created, TotpCodes.code(seed, step + 1)));
        self.deleteMfaDevice(new DeleteMfaDeviceRequest().withUserId(user.id())
                .withSerialNumber(created.getSerialNumber()));

        ClientRequestException gone = Sdk.refusal(() -> admin.showUserMfaDevice(
                new ShowUserMfaDeviceRequest().withUserId(user.id())));
        assertThat(gone.getHttpStatusCode()).isEqualTo(404);
        assertThat(gone.getErrorCode()).isEqualTo("IAM.0004");
    }

    @Test
    void bindWhenSdkSendsWrongCodeThenIam1061() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient self = Sdk.client(port, fixtures.token(user));
        CreateMfaDeviceRespon created = self.createMfaDevice(new CreateMfaDeviceRequest().withBody(
                new CreateMfaDeviceReq().withVirtualMfaDevice(new CreateMfaDevice().withName("sdk-" + Fixtures.unique())
                        .withUserId(user.id())))).getVirtualMfaDevice();

        ClientRequestException e = Sdk.refusal(() -> self.createBindingDevice(new CreateBindingDeviceRequest()
                .withBody(new BindMfaDevice().withUserId(user.id()).withSerialNumber(created.getSerialNumber())
                        .withAuthenticationCodeFirst("000000").withAuthenticationCodeSecond("000000"))));

        assertThat(e.getHttpStatusCode()).isEqualTo(400);
        assertThat(e.getErrorCode()).isEqualTo("IAM.1061");
    }

    private static KeystoneCreateUserTokenByPasswordAndMfaRequest passwordAndTotp(TestAccount account, TestUser user,
            String passcode) {
        return new KeystoneCreateUserTokenByPasswordAndMfaRequest().withBody(
                new KeystoneCreateUserTokenByPasswordAndMfaRequestBody().withAuth(new MfaAuth()
                        .withIdentity(new MfaIdentity()
                                .withMethods(List.of(MfaIdentity.MethodsEnum.PASSWORD, MfaIdentity.MethodsEnum._TOTP))
                                .withPassword(new PwdPassword().withUser(new PwdPasswordUser().withName(user.name())
                                        .withPassword(Fixtures.USER_PASSWORD)
                                        .withDomain(new PwdPasswordUserDomain().withName(account.name()))))
                                .withTotp(new MfaTotp().withUser(new MfaTotpUser().withId(user.id())
                                        .withPasscode(passcode))))
                        .withScope(new AuthScope().withDomain(new AuthScopeDomain().withName(account.name())))));
    }

    private static DeleteBindingDeviceRequest unbind(TestUser user, CreateMfaDeviceRespon device, String code) {
        return new DeleteBindingDeviceRequest().withBody(new UnbindMfaDevice().withUserId(user.id())
                .withSerialNumber(device.getSerialNumber()).withAuthenticationCode(code));
    }

    private static UpdateLoginProtectRequest loginProtect(TestUser user, boolean enabled) {
        return new UpdateLoginProtectRequest().withUserId(user.id()).withBody(new UpdateLoginProjectReq()
                .withLoginProtect(new UpdateLoginProject().withEnabled(enabled).withVerificationMethod("vmfa")));
    }
}
