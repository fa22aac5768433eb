package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.CreateUserOption;
import com.huaweicloud.sdk.iam.v3.model.CreateUserRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateUserRequestBody;
import com.huaweicloud.sdk.iam.v3.model.CreateUserResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordResponse;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersResponse;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdatePasswordOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateUserPasswordRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateUserPasswordRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneValidateTokenRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneValidateTokenResponse;
import com.huaweicloud.sdk.iam.v3.model.ListUserLoginProtectsRequest;
import com.huaweicloud.sdk.iam.v3.model.LoginProtectResult;
import com.huaweicloud.sdk.iam.v3.model.ShowUserLoginProtectRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowUserRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowUserResult;
import com.huaweicloud.sdk.iam.v3.model.TokenResult;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProjectReq;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProject;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProtectRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProtectRespon;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserInformationOption;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserInformationRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserInformationRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserOption;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserResult;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse driven by the official Huawei Cloud IAM Java SDK (3.1.192), unmodified: what the SDK
 * sends must be understood, and what Gatehouse answers must be read by the SDK into the right fields,
 * errors included.
 */
class SdkIT extends IntegrationTest {

    private static final String HEX_ID = "[0-9a-f]{32}";
    private static final String USER_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";
    private static final String TOKEN_TIME = USER_TIME + "Z";
    private static final String NEW_PASSWORD = "New-Pass-5678";

    // ---- CreateUser ------------------------------------------------------------------------------

    @Test
    void createUserWhenAdminSendsAllFieldsThenCreatedAndShowUserReturnsThem() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());
        String name = "sdk-" + Fixtures.unique();

        CreateUserResult created = admin.createUser(new CreateUserRequest().withBody(new CreateUserRequestBody()
                .withUser(new CreateUserOption().withName(name).withDomainId(account.id())
                        .withPassword("Sdk-Pass-12").withEmail(name + "@example.com")
                        .withAreacode("0086").withPhone("13900001111").withDescription("made by the SDK")
                        .withAccessMode("programmatic")))).getUser();

        assertThat(created.getId()).matches(HEX_ID);
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getDomainId()).isEqualTo(account.id());
        assertThat(created.getEnabled()).isTrue();
        assertThat(created.getIsDomainOwner()).isFalse();
        assertThat(created.getEmail()).isEqualTo(name + "@example.com");
        assertThat(created.getAreacode()).isEqualTo("0086");
        assertThat(created.getPhone()).isEqualTo("13900001111");
        assertThat(created.getDescription()).isEqualTo("made by the SDK");
        assertThat(created.getAccessMode()).isEqualTo("programmatic");
        // An administrator chose the password, so its owner must change it at first sign-in.
        assertThat(created.getPwdStatus()).isTrue();
        assertThat(created.getCreateTime()).matches(USER_TIME);

        ShowUserResult shown = admin.showUser(new ShowUserRequest().withUserId(created.getId())).getUser();
        assertThat(shown.getId()).isEqualTo(created.getId());
        assertThat(shown.getName()).isEqualTo(name);
        assertThat(shown.getDomainId()).isEqualTo(account.id());
        assertThat(shown.getEmail()).isEqualTo(name + "@example.com");
        assertThat(shown.getAreacode()).isEqualTo("0086");
        assertThat(shown.getPhone()).isEqualTo("13900001111");
        assertThat(shown.getDescription()).isEqualTo("made by the SDK");
        assertThat(shown.getAccessMode()).isEqualTo("programmatic");
        assertThat(shown.getPwdStatus()).isTrue();
        // 11 characters of four kinds.
        assertThat(shown.getPwdStrength()).isEqualTo("Middle");
        assertThat(shown.getCreateTime()).isEqualTo(created.getCreateTime());
        assertThat(shown.getPwdCreateTime()).matches(USER_TIME);
        assertThat(shown.getLinks().getSelf()).endsWith("/v3.0/OS-USER/users/" + created.getId());
    }

    @Test
    void createUserWhenNameTakenThenBadRequest1109AndNoSecondUser() {
        TestAccount account = fixtures.newAccount();
        TestUser existing = fixtures.newUser(account);
        IamClient admin = Sdk.client(port, account.adminToken());

        ClientRequestException e = Sdk.refusal(() -> admin.createUser(createUser(account, existing.name())));

        assertRefusal(e, 400, "1109");
        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest().withName(existing.name())).getUsers())
                .extracting(KeystoneListUsersResult::getId).containsExactly(existing.id());
    }

    @Test
    void createUserWhenEmailMalformedThenBadRequest1102AndNothingCreated() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());
        String name = "sdk-" + Fixtures.unique();
        CreateUserRequest request = createUser(account, name);
        request.getBody().getUser().withEmail("not-an-email");

        ClientRequestException e = Sdk.refusal(() -> admin.createUser(request));

        assertRefusal(e, 400, "1102");
        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest().withName(name)).getUsers()).isEmpty();
    }

    @Test
    void createUserWhenPlainUserCallsThenForbiddenIam0003() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient plain = Sdk.client(port, fixtures.token(user));
        String name = "sdk-" + Fixtures.unique();

        ClientRequestException e = Sdk.refusal(() -> plain.createUser(createUser(account, name)));

        assertRefusal(e, 403, "IAM.0003");
        assertThat(e.getErrorMsg()).contains("iam:users:createUser");
        assertThat(Sdk.client(port, account.adminToken())
                .keystoneListUsers(new KeystoneListUsersRequest().withName(name)).getUsers()).isEmpty();
    }

    // ---- ShowUser --------------------------------------------------------------------------------

    @Test
    void showUserWhenUserReadsOwnRecordWithOwnTokenThenReturnedWithSignInTime() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient self = Sdk.client(port, fixtures.token(user));

        ShowUserResult shown = self.showUser(new ShowUserRequest().withUserId(user.id())).getUser();

        assertThat(shown.getId()).isEqualTo(user.id());
        assertThat(shown.getName()).isEqualTo(user.name());
        assertThat(shown.getDomainId()).isEqualTo(account.id());
        assertThat(shown.getEnabled()).isTrue();
        assertThat(shown.getIsDomainOwner()).isFalse();
        assertThat(shown.getPwdStatus()).isFalse();
        assertThat(shown.getAccessMode()).isEqualTo("default");
        assertThat(shown.getLastLoginTime()).matches(USER_TIME);
        assertThat(shown.getUpdateTime()).matches(USER_TIME);
    }

    @Test
    void showUserWhenAdminReadsOwnerThenDomainOwnerFlagSet() {
        TestAccount account = fixtures.newAccount();

        ShowUserResult owner = Sdk.client(port, account.adminToken())
                .showUser(new ShowUserRequest().withUserId(account.ownerId())).getUser();

        assertThat(owner.getName()).isEqualTo("owner");
        assertThat(owner.getIsDomainOwner()).isTrue();
    }

    @Test
    void showUserWhenIdUnknownThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();
        String unknown = "0123456789abcdef0123456789abcdef";

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .showUser(new ShowUserRequest().withUserId(unknown)));

        assertRefusal(e, 404, "IAM.0004");
        assertThat(e.getErrorMsg()).contains(unknown);
    }

    @Test
    void showUserWhenUserOfAnotherAccountThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();
        TestUser stranger = fixtures.newUser(fixtures.newAccount());

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .showUser(new ShowUserRequest().withUserId(stranger.id())));

        assertRefusal(e, 404, "IAM.0004");
    }

    @Test
    void showUserWhenPlainUserReadsAnotherUserThenForbiddenIam0003() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .showUser(new ShowUserRequest().withUserId(other.id())));

        assertRefusal(e, 403, "IAM.0003");
    }

    // ---- UpdateUser ------------------------------------------------------------------------------

    @Test
    void updateUserWhenOnlyDescriptionSentThenOtherFieldsKeepTheirValues() {
        TestAccount account = fixtures.newAccount();
        String email = "keep-" + Fixtures.unique() + "@example.com";
        TestUser user = fixtures.newUser(account, Map.of("email", email, "areacode", "0086",
                "phone", "13700002222", "description", "before", "access_mode", "programmatic"));
        String userToken = fixtures.token(user);
        IamClient admin = Sdk.client(port, account.adminToken());

        UpdateUserResult updated = admin.updateUser(new UpdateUserRequest().withUserId(user.id())
                .withBody(new UpdateUserRequestBody().withUser(new UpdateUserOption().withDescription("after"))))
                .getUser();

        assertThat(updated.getId()).isEqualTo(user.id());
        assertThat(updated.getDescription()).isEqualTo("after");
        assertThat(updated.getName()).isEqualTo(user.name());
        assertThat(updated.getEmail()).isEqualTo(email);
        assertThat(updated.getLinks().getSelf()).endsWith("/v3.0/OS-USER/users/" + user.id());
        ShowUserResult shown = admin.showUser(new ShowUserRequest().withUserId(user.id())).getUser();
        assertThat(shown.getDescription()).isEqualTo("after");
        assertThat(shown.getName()).isEqualTo(user.name());
        assertThat(shown.getEmail()).isEqualTo(email);
        assertThat(shown.getAreacode()).isEqualTo("0086");
        assertThat(shown.getPhone()).isEqualTo("13700002222");
        assertThat(shown.getAccessMode()).isEqualTo("programmatic");
        assertThat(shown.getEnabled()).isTrue();
        assertThat(shown.getPwdStatus()).isFalse();
        // Neither password nor enabled changed, so the user's tokens live on.
        assertThat(Sdk.client(port, userToken).showUser(new ShowUserRequest().withUserId(user.id())).getUser()
                .getDescription()).isEqualTo("after");
        // The password did not change either.
        assertThat(fixtures.signIn(account.name(), user.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void updateUserWhenNameSentThenUserSignsInUnderNewNameOnly() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient admin = Sdk.client(port, account.adminToken());
        IamClient anonymous = Sdk.client(port, null);
        String newName = "renamed-" + Fixtures.unique();

        UpdateUserResult updated = admin.updateUser(new UpdateUserRequest().withUserId(user.id())
                .withBody(new UpdateUserRequestBody().withUser(new UpdateUserOption().withName(newName)))).getUser();

        assertThat(updated.getName()).isEqualTo(newName);
        assertThat(updated.getEnabled()).isTrue();
        KeystoneCreateUserTokenByPasswordResponse signedIn = anonymous.keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), newName, Fixtures.USER_PASSWORD));
        assertThat(signedIn.getToken().getUser().getId()).isEqualTo(user.id());
        assertRefusal(Sdk.refusal(() -> anonymous.keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), user.name(), Fixtures.USER_PASSWORD))), 401, "IAM.0001");
    }

    @Test
    void updateUserWhenUserIdUnknownThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .updateUser(new UpdateUserRequest().withUserId("fedcba9876543210fedcba9876543210")
                        .withBody(new UpdateUserRequestBody().withUser(new UpdateUserOption().withDescription("x")))));

        assertRefusal(e, 404, "IAM.0004");
    }

    @Test
    void updateUserWhenPlainUserUpdatesItselfThenForbiddenIam0003AndNothingChanges() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .updateUser(new UpdateUserRequest().withUserId(user.id()).withBody(new UpdateUserRequestBody()
                        .withUser(new UpdateUserOption().withDescription("self-promoted")))));

        assertRefusal(e, 403, "IAM.0003");
        assertThat(Sdk.client(port, account.adminToken()).showUser(new ShowUserRequest().withUserId(user.id()))
                .getUser().getDescription()).isEmpty();
    }

    // ---- UpdateUserInformation (self-service) ---------------------------------------------------

    @Test
    void updateUserInformationWhenUserSetsOwnEmailAndMobileThenShowUserHasThemSplit() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String email = "self-" + Fixtures.unique() + "@example.com";

        Sdk.client(port, fixtures.token(user)).updateUserInformation(new UpdateUserInformationRequest()
                .withUserId(user.id()).withBody(new UpdateUserInformationRequestBody()
                        .withUser(new UpdateUserInformationOption().withEmail(email).withMobile("0086-13812345678"))));

        ShowUserResult shown = Sdk.client(port, account.adminToken())
                .showUser(new ShowUserRequest().withUserId(user.id())).getUser();
        assertThat(shown.getEmail()).isEqualTo(email);
        assertThat(shown.getAreacode()).isEqualTo("0086");
        assertThat(shown.getPhone()).isEqualTo("13812345678");
        assertThat(shown.getName()).isEqualTo(user.name());
    }

    @Test
    void updateUserInformationWhenEmailMalformedThenBadRequest1102AndEmailUnchanged() {
        TestAccount account = fixtures.newAccount();
        String email = "kept-" + Fixtures.unique() + "@example.com";
        TestUser user = fixtures.newUser(account, Map.of("email", email));

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .updateUserInformation(new UpdateUserInformationRequest().withUserId(user.id())
                        .withBody(new UpdateUserInformationRequestBody()
                                .withUser(new UpdateUserInformationOption().withEmail("bad@@example")))));

        assertRefusal(e, 400, "1102");
        assertThat(Sdk.client(port, account.adminToken()).showUser(new ShowUserRequest().withUserId(user.id()))
                .getUser().getEmail()).isEqualTo(email);
    }

    @Test
    void updateUserInformationWhenAdminTargetsAnotherUserThenForbiddenIam0003() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .updateUserInformation(new UpdateUserInformationRequest().withUserId(user.id())
                        .withBody(new UpdateUserInformationRequestBody().withUser(
                                new UpdateUserInformationOption().withEmail("admin-" + Fixtures.unique() + "@example.com")))));

        assertRefusal(e, 403, "IAM.0003");
    }

    // ---- KeystoneListUsers -----------------------------------------------------------------------

    @Test
    void keystoneListUsersWhenNameFilterGivenThenOnlyThatUserListed() {
        TestAccount account = fixtures.newAccount();
        TestUser wanted = fixtures.newUser(account);
        TestUser other = fixtures.newUser(account);
        IamClient admin = Sdk.client(port, account.adminToken());

        KeystoneListUsersResponse filtered = admin.keystoneListUsers(new KeystoneListUsersRequest().withName(wanted.name()));

        assertThat(filtered.getUsers()).hasSize(1);
        KeystoneListUsersResult listed = filtered.getUsers().get(0);
        assertThat(listed.getId()).isEqualTo(wanted.id());
        assertThat(listed.getName()).isEqualTo(wanted.name());
        assertThat(listed.getDomainId()).isEqualTo(account.id());
        assertThat(listed.getEnabled()).isTrue();
        assertThat(listed.getPwdStatus()).isFalse();
        assertThat(listed.getAccessMode()).isEqualTo("default");
        assertThat(listed.getLinks().getSelf()).endsWith("/v3/users/" + wanted.id());
        assertThat(filtered.getLinks().getSelf()).endsWith("/v3/users");

        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest()).getUsers())
                .extracting(KeystoneListUsersResult::getId)
                .containsExactlyInAnyOrder(account.ownerId(), wanted.id(), other.id());
        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest().withName("nobody-" + Fixtures.unique()))
                .getUsers()).isEmpty();
    }

    @Test
    void keystoneListUsersWhenPlainUserCallsThenForbiddenIam0003FromKeystoneBody() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .keystoneListUsers(new KeystoneListUsersRequest()));

        // Under /v3 the body is Keystone's, but it carries the Huawei code at the top level for the SDK.
        assertRefusal(e, 403, "IAM.0003");
    }

    // ---- KeystoneUpdateUserPassword (self) --------------------------------------------------------

    @Test
    void keystoneUpdateUserPasswordWhenOriginalRightThenOnlyNewPasswordWorksAndOldTokenRejected() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String oldToken = fixtures.token(user);
        IamClient self = Sdk.client(port, oldToken);
        IamClient anonymous = Sdk.client(port, null);

        self.keystoneUpdateUserPassword(new KeystoneUpdateUserPasswordRequest().withUserId(user.id())
                .withBody(new KeystoneUpdateUserPasswordRequestBody().withUser(new KeystoneUpdatePasswordOption()
                        .withOriginalPassword(Fixtures.USER_PASSWORD).withPassword(NEW_PASSWORD))));

        ClientRequestException oldPassword = Sdk.refusal(() -> anonymous.keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), user.name(), Fixtures.USER_PASSWORD)));
        assertRefusal(oldPassword, 401, "IAM.0001");

        KeystoneCreateUserTokenByPasswordResponse fresh = anonymous.keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), user.name(), NEW_PASSWORD));
        assertThat(fresh.getXSubjectToken()).isNotBlank();
        assertThat(fresh.getToken().getUser().getId()).isEqualTo(user.id());

        ClientRequestException stale = Sdk.refusal(() -> self.showUser(new ShowUserRequest().withUserId(user.id())));
        assertRefusal(stale, 401, "IAM.0067");

        ShowUserResult shown = Sdk.client(port, fresh.getXSubjectToken())
                .showUser(new ShowUserRequest().withUserId(user.id())).getUser();
        assertThat(shown.getId()).isEqualTo(user.id());
        assertThat(shown.getModifyPwdTime()).matches(USER_TIME);
        assertThat(shown.getPwdStatus()).isFalse();
    }

    @Test
    void keystoneUpdateUserPasswordWhenOriginalWrongThenBadRequest1103AndPasswordUnchanged() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String token = fixtures.token(user);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, token).keystoneUpdateUserPassword(
                new KeystoneUpdateUserPasswordRequest().withUserId(user.id())
                        .withBody(new KeystoneUpdateUserPasswordRequestBody().withUser(new KeystoneUpdatePasswordOption()
                                .withOriginalPassword("Wrong-Pass-9999").withPassword(NEW_PASSWORD)))));

        assertRefusal(e, 400, "1103");
        assertThat(fixtures.signIn(account.name(), user.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
        assertThat(fixtures.signIn(account.name(), user.name(), NEW_PASSWORD).status()).isEqualTo(401);
        assertThat(Sdk.client(port, token).showUser(new ShowUserRequest().withUserId(user.id())).getUser().getId())
                .isEqualTo(user.id());
    }

    @Test
    void keystoneUpdateUserPasswordWhenAdminChangesAnotherUsersThenForbiddenIam0003() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken()).keystoneUpdateUserPassword(
                new KeystoneUpdateUserPasswordRequest().withUserId(user.id())
                        .withBody(new KeystoneUpdateUserPasswordRequestBody().withUser(new KeystoneUpdatePasswordOption()
                                .withOriginalPassword(Fixtures.USER_PASSWORD).withPassword(NEW_PASSWORD)))));

        assertRefusal(e, 403, "IAM.0003");
        assertThat(fixtures.signIn(account.name(), user.name(), Fixtures.USER_PASSWORD).status()).isEqualTo(201);
    }

    // ---- KeystoneCreateUserTokenByPassword / KeystoneValidateToken --------------------------------

    @Test
    void keystoneCreateUserTokenByPasswordWhenCredentialsRightThenSubjectTokenHeaderReadAndTokenWorks() {
        TestAccount account = fixtures.newAccount();

        KeystoneCreateUserTokenByPasswordResponse r = Sdk.client(port, null).keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), "owner", Fixtures.OWNER_PASSWORD));

        // The SDK reads X-Subject-Token case-sensitively: non-null proves the exact casing.
        assertThat(r.getXSubjectToken()).isNotBlank();
        assertThat(r.getHttpStatusCode()).isEqualTo(201);
        TokenResult token = r.getToken();
        assertThat(token.getMethods()).containsExactly("password");
        assertThat(token.getIssuedAt()).matches(TOKEN_TIME);
        assertThat(token.getExpiresAt()).matches(TOKEN_TIME);
        assertThat(token.getExpiresAt()).isGreaterThan(token.getIssuedAt());
        assertThat(token.getUser().getId()).isEqualTo(account.ownerId());
        assertThat(token.getUser().getName()).isEqualTo("owner");
        assertThat(token.getUser().getDomain().getId()).isEqualTo(account.id());
        assertThat(token.getUser().getDomain().getName()).isEqualTo(account.name());
        assertThat(token.getDomain().getId()).isEqualTo(account.id());
        assertThat(token.getDomain().getName()).isEqualTo(account.name());
        assertThat(token.getProject()).isNull();
        assertThat(token.getRoles()).extracting(role -> role.getName()).contains("system_all_0"); // FullAccess, held by the admin group
        assertThat(token.getCatalog()).isNotNull();

        ShowUserResult owner = Sdk.client(port, r.getXSubjectToken())
                .showUser(new ShowUserRequest().withUserId(account.ownerId())).getUser();
        assertThat(owner.getIsDomainOwner()).isTrue();
    }

    @Test
    void keystoneCreateUserTokenByPasswordWhenPasswordWrongThenUnauthorizedIam0001WithoutToken() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, null).keystoneCreateUserTokenByPassword(
                Sdk.passwordSignIn(account.name(), user.name(), "Wrong-Pass-1234")));

        assertRefusal(e, 401, "IAM.0001");
    }

    @Test
    void keystoneValidateTokenWhenSubjectTokenLiveThenItsClaimsAndHeaderReturned() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String subject = fixtures.token(user);

        KeystoneValidateTokenResponse r = Sdk.client(port, account.adminToken())
                .keystoneValidateToken(new KeystoneValidateTokenRequest().withXSubjectToken(subject));

        assertThat(r.getHttpStatusCode()).isEqualTo(200);
        assertThat(r.getXSubjectToken()).isEqualTo(subject);
        assertThat(r.getToken().getUser().getId()).isEqualTo(user.id());
        assertThat(r.getToken().getUser().getName()).isEqualTo(user.name());
        assertThat(r.getToken().getUser().getDomain().getId()).isEqualTo(account.id());
        assertThat(r.getToken().getMethods()).containsExactly("password");
        assertThat(r.getToken().getExpiresAt()).matches(TOKEN_TIME);
    }

    @Test
    void keystoneValidateTokenWhenSubjectFromAnotherAccountThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();
        TestUser stranger = fixtures.newUser(fixtures.newAccount());
        String subject = fixtures.token(stranger);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .keystoneValidateToken(new KeystoneValidateTokenRequest().withXSubjectToken(subject)));

        assertRefusal(e, 404, "IAM.0004");
    }

    @Test
    void keystoneValidateTokenWhenSubjectUserChangedPasswordThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String subject = fixtures.token(user);
        Sdk.client(port, subject).keystoneUpdateUserPassword(new KeystoneUpdateUserPasswordRequest()
                .withUserId(user.id()).withBody(new KeystoneUpdateUserPasswordRequestBody().withUser(
                        new KeystoneUpdatePasswordOption().withOriginalPassword(Fixtures.USER_PASSWORD)
                                .withPassword(NEW_PASSWORD))));

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .keystoneValidateToken(new KeystoneValidateTokenRequest().withXSubjectToken(subject)));

        assertRefusal(e, 404, "IAM.0004");
    }

    // ---- Login protection ------------------------------------------------------------------------

    @Test
    void updateLoginProtectWhenUserHasEmailThenStoredAndShownAndListed() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account, Map.of("email", "lp-" + Fixtures.unique() + "@example.com"));
        IamClient admin = Sdk.client(port, account.adminToken());
        // Signed in before the protection is on: afterwards, signing in takes an emailed code.
        String userToken = fixtures.token(user);

        UpdateLoginProtectRespon set = admin.updateLoginProtect(loginProtect(user, true, "email")).getLoginProtect();

        assertThat(set.getUserId()).isEqualTo(user.id());
        assertThat(set.getEnabled()).isTrue();
        assertThat(set.getVerificationMethod()).isEqualTo("email");
        LoginProtectResult shown = admin.showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id()))
                .getLoginProtect();
        assertThat(shown.getUserId()).isEqualTo(user.id());
        assertThat(shown.getEnabled()).isTrue();
        assertThat(shown.getVerificationMethod()).isEqualTo("email");
        // The user may read its own setting.
        LoginProtectResult own = Sdk.client(port, userToken)
                .showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id())).getLoginProtect();
        assertThat(own.getVerificationMethod()).isEqualTo("email");
        assertThat(admin.listUserLoginProtects(new ListUserLoginProtectsRequest()).getLoginProtects())
                .singleElement().satisfies(p -> {
                    assertThat(p.getUserId()).isEqualTo(user.id());
                    assertThat(p.getEnabled()).isTrue();
                    assertThat(p.getVerificationMethod()).isEqualTo("email");
                });
    }

    @Test
    void updateLoginProtectWhenSetTwiceThenLastSettingWinsAndListHasOneEntry() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account, Map.of("email", "lp-" + Fixtures.unique() + "@example.com",
                "areacode", "0086", "phone", "13600003333"));
        IamClient admin = Sdk.client(port, account.adminToken());
        admin.updateLoginProtect(loginProtect(user, true, "email"));

        admin.updateLoginProtect(loginProtect(user, false, "sms"));

        LoginProtectResult shown = admin.showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id()))
                .getLoginProtect();
        assertThat(shown.getEnabled()).isFalse();
        assertThat(shown.getVerificationMethod()).isEqualTo("sms");
        assertThat(admin.listUserLoginProtects(new ListUserLoginProtectsRequest()).getLoginProtects())
                .extracting(LoginProtectResult::getUserId).containsExactly(user.id());
    }

    @Test
    void listUserLoginProtectsWhenAnotherAccountHasSettingsThenOnlyOwnAccountsListed() {
        TestAccount account = fixtures.newAccount();
        TestUser mine = fixtures.newUser(account, Map.of("email", "mine-" + Fixtures.unique() + "@example.com"));
        TestAccount otherAccount = fixtures.newAccount();
        TestUser theirs = fixtures.newUser(otherAccount, Map.of("email", "theirs-" + Fixtures.unique() + "@example.com"));
        Sdk.client(port, account.adminToken()).updateLoginProtect(loginProtect(mine, true, "email"));
        Sdk.client(port, otherAccount.adminToken()).updateLoginProtect(loginProtect(theirs, true, "email"));

        assertThat(Sdk.client(port, account.adminToken()).listUserLoginProtects(new ListUserLoginProtectsRequest())
                .getLoginProtects()).extracting(LoginProtectResult::getUserId).containsExactly(mine.id());
        assertThat(Sdk.client(port, otherAccount.adminToken()).listUserLoginProtects(new ListUserLoginProtectsRequest())
                .getLoginProtects()).extracting(LoginProtectResult::getUserId).containsExactly(theirs.id());
    }

    @Test
    void showUserLoginProtectWhenNeverSetThenNotFoundIam0004() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id())));

        assertRefusal(e, 404, "IAM.0004");
    }

    @Test
    void updateLoginProtectWhenSmsButNoMobileThenBadRequestIam0007AndNothingStored() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient admin = Sdk.client(port, account.adminToken());

        ClientRequestException e = Sdk.refusal(() -> admin.updateLoginProtect(loginProtect(user, true, "sms")));

        assertRefusal(e, 400, "IAM.0007");
        assertThat(e.getErrorMsg()).contains("verification_method");
        assertThat(admin.listUserLoginProtects(new ListUserLoginProtectsRequest()).getLoginProtects()).isEmpty();
    }

    @Test
    void updateLoginProtectWhenPlainUserSetsOwnThenForbiddenIam0003() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account, Map.of("email", "lp-" + Fixtures.unique() + "@example.com"));

        ClientRequestException e = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .updateLoginProtect(loginProtect(user, false, "email")));

        assertRefusal(e, 403, "IAM.0003");
        assertRefusal(Sdk.refusal(() -> Sdk.client(port, account.adminToken())
                .showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id()))), 404, "IAM.0004");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static CreateUserRequest createUser(TestAccount account, String name) {
        return new CreateUserRequest().withBody(new CreateUserRequestBody().withUser(new CreateUserOption()
                .withName(name).withDomainId(account.id()).withPassword("Sdk-Pass-1234")));
    }

    private static UpdateLoginProtectRequest loginProtect(TestUser user, boolean enabled, String method) {
        return new UpdateLoginProtectRequest().withUserId(user.id()).withBody(new UpdateLoginProjectReq()
                .withLoginProtect(new UpdateLoginProject().withEnabled(enabled).withVerificationMethod(method)));
    }

    /** What the SDK made of a refusal: status, Huawei code, a message, and Gatehouse's request id. */
    private static void assertRefusal(ClientRequestException e, int status, String code) {
        assertThat(e.getHttpStatusCode()).as(e.toString()).isEqualTo(status);
        assertThat(e.getErrorCode()).as(e.toString()).isEqualTo(code);
        assertThat(e.getErrorMsg()).as(e.toString()).isNotBlank();
        assertThat(e.getRequestId()).as(e.toString()).matches(HEX_ID);
    }
}
