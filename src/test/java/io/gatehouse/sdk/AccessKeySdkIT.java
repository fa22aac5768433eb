package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.CreateCloudServiceCustomPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateCloudServiceCustomPolicyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.CreateCredentialOption;
import com.huaweicloud.sdk.iam.v3.model.CreateCredentialResult;
import com.huaweicloud.sdk.iam.v3.model.CreatePermanentAccessKeyRequest;
import com.huaweicloud.sdk.iam.v3.model.CreatePermanentAccessKeyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.CreateTemporaryAccessKeyByTokenRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateTemporaryAccessKeyByTokenRequestBody;
import com.huaweicloud.sdk.iam.v3.model.CreateUserOption;
import com.huaweicloud.sdk.iam.v3.model.CreateUserRequest;
import com.huaweicloud.sdk.iam.v3.model.CreateUserRequestBody;
import com.huaweicloud.sdk.iam.v3.model.CreateUserResult;
import com.huaweicloud.sdk.iam.v3.model.Credential;
import com.huaweicloud.sdk.iam.v3.model.Credentials;
import com.huaweicloud.sdk.iam.v3.model.DeletePermanentAccessKeyRequest;
import com.huaweicloud.sdk.iam.v3.model.IdentityToken;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAddUserToGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAssociateGroupWithDomainPermissionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAssociateGroupWithProjectPermissionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckDomainPermissionForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckProjectPermissionForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckUserInGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneGroupResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListDomainPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListGroupsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListPermissionsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveDomainPermissionFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveProjectPermissionFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.ListCustomPoliciesRequest;
import com.huaweicloud.sdk.iam.v3.model.ListPermanentAccessKeysRequest;
import com.huaweicloud.sdk.iam.v3.model.ListPolicyRoleResult;
import com.huaweicloud.sdk.iam.v3.model.ListUserLoginProtectsRequest;
import com.huaweicloud.sdk.iam.v3.model.LoginProtectResult;
import com.huaweicloud.sdk.iam.v3.model.ProjectResult;
import com.huaweicloud.sdk.iam.v3.model.RoleResult;
import com.huaweicloud.sdk.iam.v3.model.ServicePolicy;
import com.huaweicloud.sdk.iam.v3.model.ServicePolicyRoleOption;
import com.huaweicloud.sdk.iam.v3.model.ServicePolicyRoleResult;
import com.huaweicloud.sdk.iam.v3.model.ServiceStatement;
import com.huaweicloud.sdk.iam.v3.model.ShowCredential;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainPasswordPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowPermanentAccessKeyRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowUserLoginProtectRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowUserRequest;
import com.huaweicloud.sdk.iam.v3.model.TokenAuth;
import com.huaweicloud.sdk.iam.v3.model.TokenAuthIdentity;
import com.huaweicloud.sdk.iam.v3.model.UpdateCredentialOption;
import com.huaweicloud.sdk.iam.v3.model.UpdateCredentialResult;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProject;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProjectReq;
import com.huaweicloud.sdk.iam.v3.model.UpdateLoginProtectRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdatePermanentAccessKeyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdatePermanentAccessKeyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserOption;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateUserRequestBody;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official SDK with its normal credentials, {@code GlobalCredentials(ak, sk, domainId)}, unmodified:
 * every request it sends is signed (SDK-HMAC-SHA256) and carries no token. One section per feature: users,
 * access keys, refusals, then groups, projects, roles, custom policies and grants, each with a signed client
 * made by {@link #adminClient}.
 */
class AccessKeySdkIT extends IntegrationTest {

    private static final String TENANT_GUEST = "00000000000000000000000000000003";
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    // ---- users ------------------------------------------------------------------------------------

    @Test
    void userOperationsWhenSignedWithAdministratorsKeyThenWorkAsWithAToken() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = adminClient(account);
        String name = "sdk ak " + Fixtures.unique();

        CreateUserResult created = admin.createUser(new CreateUserRequest().withBody(new CreateUserRequestBody()
                .withUser(new CreateUserOption().withName(name).withDomainId(account.id()).withPassword("Sdk-Pass-12")
                        .withDescription("signed")))).getUser();
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getDomainId()).isEqualTo(account.id());

        assertThat(admin.showUser(new ShowUserRequest().withUserId(created.getId())).getUser().getDescription())
                .isEqualTo("signed");
        assertThat(admin.updateUser(new UpdateUserRequest().withUserId(created.getId()).withBody(
                new UpdateUserRequestBody().withUser(new UpdateUserOption().withDescription("a&b=c d"))))
                .getUser().getDescription()).isEqualTo("a&b=c d");

        // The name has spaces: the query string is signed and verified with them.
        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest().withName(name)).getUsers())
                .extracting(KeystoneListUsersResult::getId).containsExactly(created.getId());
        assertThat(admin.keystoneListUsers(new KeystoneListUsersRequest().withName("x&y=z/?#%+*~é")).getUsers())
                .isEmpty();
        // {domain_id} paths are checked against the X-Domain-Id scope.
        assertThat(admin.showDomainPasswordPolicy(new ShowDomainPasswordPolicyRequest().withDomainId(account.id()))
                .getPasswordPolicy()).isNotNull();
    }

    @Test
    void loginProtectWhenSignedThenSetShownAndListed() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account, Map.of("email", "ak-" + Fixtures.unique() + "@example.com"));
        IamClient admin = adminClient(account);

        assertThat(admin.updateLoginProtect(new UpdateLoginProtectRequest().withUserId(user.id()).withBody(
                new UpdateLoginProjectReq().withLoginProtect(new UpdateLoginProject().withEnabled(true)
                        .withVerificationMethod("email")))).getLoginProtect().getEnabled()).isTrue();

        LoginProtectResult shown = admin.showUserLoginProtect(new ShowUserLoginProtectRequest().withUserId(user.id()))
                .getLoginProtect();
        assertThat(shown.getVerificationMethod()).isEqualTo("email");
        assertThat(admin.listUserLoginProtects(new ListUserLoginProtectsRequest()).getLoginProtects())
                .extracting(LoginProtectResult::getUserId).containsExactly(user.id());
    }

    // ---- access keys ------------------------------------------------------------------------------

    @Test
    void accessKeyOperationsWhenSignedThenCreateListShowUpdateDelete() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient admin = adminClient(account);

        CreateCredentialResult created = admin.createPermanentAccessKey(new CreatePermanentAccessKeyRequest()
                .withBody(new CreatePermanentAccessKeyRequestBody().withCredential(new CreateCredentialOption()
                        .withUserId(user.id()).withDescription("made by the SDK")))).getCredential();
        assertThat(created.getAccess()).matches("[A-Z0-9]{20}");
        assertThat(created.getSecret()).hasSize(40);
        assertThat(created.getStatus()).isEqualTo("active");
        assertThat(created.getUserId()).isEqualTo(user.id());
        assertThat(created.getCreateTime()).matches(TIME);

        List<Credentials> listed = admin.listPermanentAccessKeys(new ListPermanentAccessKeysRequest()
                .withUserId(user.id())).getCredentials();
        assertThat(listed).extracting(Credentials::getAccess).containsExactly(created.getAccess());
        assertThat(listed.get(0).getDescription()).isEqualTo("made by the SDK");

        ShowCredential shown = admin.showPermanentAccessKey(new ShowPermanentAccessKeyRequest()
                .withAccessKey(created.getAccess())).getCredential();
        assertThat(shown.getLastUseTime()).matches(TIME);
        assertThat(shown.getStatus()).isEqualTo("active");

        UpdateCredentialResult updated = admin.updatePermanentAccessKey(new UpdatePermanentAccessKeyRequest()
                .withAccessKey(created.getAccess()).withBody(new UpdatePermanentAccessKeyRequestBody()
                        .withCredential(new UpdateCredentialOption().withStatus(UpdateCredentialOption.StatusEnum.INACTIVE)
                                .withDescription("paused")))).getCredential();
        assertThat(updated.getStatus()).isEqualTo("inactive");
        assertThat(updated.getDescription()).isEqualTo("paused");

        admin.deletePermanentAccessKey(new DeletePermanentAccessKeyRequest().withAccessKey(created.getAccess()));
        assertRefusal(Sdk.refusal(() -> admin.showPermanentAccessKey(new ShowPermanentAccessKeyRequest()
                .withAccessKey(created.getAccess()))), 404, "IAM.0004");
    }

    @Test
    void temporaryKeyWhenIssuedThroughSdkThenUsableWithSecurityToken() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);

        Credential temporary = Sdk.client(port, fixtures.token(user)).createTemporaryAccessKeyByToken(
                new CreateTemporaryAccessKeyByTokenRequest().withBody(new CreateTemporaryAccessKeyByTokenRequestBody()
                        .withAuth(new TokenAuth().withIdentity(new TokenAuthIdentity()
                                .withMethods(List.of(TokenAuthIdentity.MethodsEnum.TOKEN))
                                .withToken(new IdentityToken().withDurationSeconds(1800)))))).getCredential();
        assertThat(temporary.getExpiresAt()).matches(TIME);
        assertThat(temporary.getSecuritytoken()).isNotBlank();

        IamClient signed = Sdk.signedClient(port, temporary.getAccess(), temporary.getSecret(), account.id(),
                temporary.getSecuritytoken());
        assertThat(signed.showUser(new ShowUserRequest().withUserId(user.id())).getUser().getName())
                .isEqualTo(user.name());
        // Without the security token, the temporary access key is unknown.
        assertRefusal(Sdk.refusal(() -> Sdk.signedClient(port, temporary.getAccess(), temporary.getSecret(),
                account.id(), null).showUser(new ShowUserRequest().withUserId(user.id()))), 401, "APIGW.0301");
    }

    // ---- refusals ---------------------------------------------------------------------------------

    @Test
    void signedCallWhenSecretWrongThenUnauthorizedApigw0301() {
        TestAccount account = fixtures.newAccount();
        CreateCredentialResult key = createKey(account, account.ownerId());

        ClientRequestException e = Sdk.refusal(() -> Sdk.signedClient(port, key.getAccess(),
                key.getSecret().toLowerCase() + "x", account.id(), null)
                .showUser(new ShowUserRequest().withUserId(account.ownerId())));

        assertRefusal(e, 401, "APIGW.0301");
    }

    @Test
    void signedCallWhenKeyInactiveThenIam1107() {
        TestAccount account = fixtures.newAccount();
        CreateCredentialResult key = createKey(account, account.ownerId());
        IamClient signed = Sdk.signedClient(port, key.getAccess(), key.getSecret(), account.id(), null);
        signed.updatePermanentAccessKey(new UpdatePermanentAccessKeyRequest().withAccessKey(key.getAccess())
                .withBody(new UpdatePermanentAccessKeyRequestBody().withCredential(new UpdateCredentialOption()
                        .withStatus(UpdateCredentialOption.StatusEnum.INACTIVE))));

        assertRefusal(Sdk.refusal(() -> signed.showUser(new ShowUserRequest().withUserId(account.ownerId()))), 400,
                "IAM.1107");
    }

    @Test
    void signedCallWhenUserConsoleOnlyOrDisabledThenIam0081OrIam0080() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        CreateCredentialResult key = createKey(account, user.id());
        IamClient signed = Sdk.signedClient(port, key.getAccess(), key.getSecret(), account.id(), null);
        IamClient admin = adminClient(account);

        admin.updateUser(new UpdateUserRequest().withUserId(user.id()).withBody(new UpdateUserRequestBody()
                .withUser(new UpdateUserOption().withAccessMode("console"))));
        assertRefusal(Sdk.refusal(() -> signed.showUser(new ShowUserRequest().withUserId(user.id()))), 403,
                "IAM.0081");

        admin.updateUser(new UpdateUserRequest().withUserId(user.id()).withBody(new UpdateUserRequestBody()
                .withUser(new UpdateUserOption().withAccessMode("default").withEnabled(false))));
        assertRefusal(Sdk.refusal(() -> signed.showUser(new ShowUserRequest().withUserId(user.id()))), 403,
                "IAM.0080");
    }

    // ---- groups, projects, roles and grants ---------------------------------------------------------

    @Test
    void groupsProjectsRolesAndGrantsWhenSignedWithAdministratorsKeyThenWorkAsWithAToken() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = adminClient(account);
        TestUser member = fixtures.newUser(account);
        CreateCredentialResult memberKey = createKey(account, member.id());
        IamClient memberClient = Sdk.signedClient(port, memberKey.getAccess(), memberKey.getSecret(), account.id(),
                null);

        // A group and its member.
        String groupName = "sdk ak " + Fixtures.unique();
        String group = admin.keystoneCreateGroup(new KeystoneCreateGroupRequest().withBody(
                new KeystoneCreateGroupRequestBody().withGroup(new KeystoneCreateGroupOption().withName(groupName)
                        .withDomainId(account.id())))).getGroup().getId();
        assertThat(admin.keystoneListGroups(new KeystoneListGroupsRequest().withName(groupName)).getGroups())
                .extracting(KeystoneGroupResult::getId).containsExactly(group);
        admin.keystoneAddUserToGroup(new KeystoneAddUserToGroupRequest().withGroupId(group).withUserId(member.id()));
        assertThat(admin.keystoneCheckUserInGroup(new KeystoneCheckUserInGroupRequest().withGroupId(group)
                .withUserId(member.id())).getHttpStatusCode()).isEqualTo(204);

        // A project under the region's.
        String regionProject = fixtures.defaultProjectId(account);
        String projectName = "gh-region-1_ak" + Fixtures.unique();
        String project = admin.keystoneCreateProject(new KeystoneCreateProjectRequest().withBody(
                new KeystoneCreateProjectRequestBody().withProject(new KeystoneCreateProjectOption()
                        .withName(projectName).withParentId(regionProject).withDomainId(account.id()))))
                .getProject().getId();
        assertThat(admin.keystoneShowProject(new KeystoneShowProjectRequest().withProjectId(project)).getProject()
                .getName()).isEqualTo(projectName);
        assertThat(admin.keystoneListProjects(new KeystoneListProjectsRequest().withName(projectName)).getProjects())
                .extracting(ProjectResult::getId).containsExactly(project);

        // The system roles, and a custom policy.
        assertThat(admin.keystoneListPermissions(new KeystoneListPermissionsRequest()).getRoles())
                .extracting(RoleResult::getDisplayName).contains("Security Administrator", "Tenant Guest");
        ServicePolicyRoleResult policy = admin.createCloudServiceCustomPolicy(new CreateCloudServiceCustomPolicyRequest()
                .withBody(new CreateCloudServiceCustomPolicyRequestBody().withRole(new ServicePolicyRoleOption()
                        .withDisplayName("sdk lists users").withType("AX").withDescription("signed")
                        .withPolicy(new ServicePolicy().withVersion("1.1").withStatement(List.of(new ServiceStatement()
                                .withEffect(ServiceStatement.EffectEnum.ALLOW)
                                .withAction(List.of("iam:users:listUsers")))))))).getRole();
        assertThat(policy.getDomainId()).isEqualTo(account.id());
        assertThat(admin.listCustomPolicies(new ListCustomPoliciesRequest()).getRoles())
                .extracting(ListPolicyRoleResult::getId).containsExactly(policy.getId());

        // The custom policy granted to the group on the account: its member may list users, until revoked.
        assertThat(Sdk.refusal(() -> memberClient.keystoneListUsers(new KeystoneListUsersRequest()))
                .getHttpStatusCode()).isEqualTo(403);
        assertThat(admin.keystoneAssociateGroupWithDomainPermission(new KeystoneAssociateGroupWithDomainPermissionRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(policy.getId())).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneCheckDomainPermissionForGroup(new KeystoneCheckDomainPermissionForGroupRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(policy.getId())).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneListDomainPermissionsForGroup(new KeystoneListDomainPermissionsForGroupRequest()
                .withDomainId(account.id()).withGroupId(group)).getRoles()).extracting(RoleResult::getId)
                .containsExactly(policy.getId());
        assertThat(memberClient.keystoneListUsers(new KeystoneListUsersRequest()).getUsers())
                .extracting(KeystoneListUsersResult::getId).contains(member.id(), account.ownerId());
        assertThat(admin.keystoneRemoveDomainPermissionFromGroup(new KeystoneRemoveDomainPermissionFromGroupRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(policy.getId())).getHttpStatusCode())
                .isEqualTo(204);
        assertRefusal(Sdk.refusal(() -> memberClient.keystoneListUsers(new KeystoneListUsersRequest())), 403,
                "IAM.0003");
        assertThat(Sdk.refusal(() -> admin.keystoneCheckDomainPermissionForGroup(
                new KeystoneCheckDomainPermissionForGroupRequest().withDomainId(account.id()).withGroupId(group)
                        .withRoleId(policy.getId()))).getHttpStatusCode()).isEqualTo(404);

        // A system role granted to the group on the project.
        assertThat(admin.keystoneAssociateGroupWithProjectPermission(
                new KeystoneAssociateGroupWithProjectPermissionRequest().withProjectId(project).withGroupId(group)
                        .withRoleId(TENANT_GUEST)).getHttpStatusCode()).isEqualTo(204);
        assertThat(admin.keystoneCheckProjectPermissionForGroup(new KeystoneCheckProjectPermissionForGroupRequest()
                .withProjectId(project).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneListProjectPermissionsForGroup(new KeystoneListProjectPermissionsForGroupRequest()
                .withProjectId(project).withGroupId(group)).getRoles()).extracting(RoleResult::getId)
                .containsExactly(TENANT_GUEST);
        assertThat(admin.keystoneRemoveProjectPermissionFromGroup(new KeystoneRemoveProjectPermissionFromGroupRequest()
                .withProjectId(project).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneListProjectPermissionsForGroup(new KeystoneListProjectPermissionsForGroupRequest()
                .withProjectId(project).withGroupId(group)).getRoles()).isEmpty();
    }

    @Test
    void grantWhenSignedByPlainUserOrOtherAccountsAdminThenRefusedAndNothingGranted() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = adminClient(account);
        String group = admin.keystoneCreateGroup(new KeystoneCreateGroupRequest().withBody(
                new KeystoneCreateGroupRequestBody().withGroup(new KeystoneCreateGroupOption()
                        .withName("g" + Fixtures.unique())))).getGroup().getId();
        TestUser plain = fixtures.newUser(account);
        CreateCredentialResult plainKey = createKey(account, plain.id());
        IamClient plainClient = Sdk.signedClient(port, plainKey.getAccess(), plainKey.getSecret(), account.id(), null);
        IamClient intruder = adminClient(fixtures.newAccount());
        KeystoneAssociateGroupWithDomainPermissionRequest grant = new KeystoneAssociateGroupWithDomainPermissionRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(TENANT_GUEST);

        assertRefusal(Sdk.refusal(() -> plainClient.keystoneAssociateGroupWithDomainPermission(grant)), 403, "IAM.0003");
        assertRefusal(Sdk.refusal(() -> intruder.keystoneAssociateGroupWithDomainPermission(grant)), 404, "IAM.0004");
        assertRefusal(Sdk.refusal(() -> intruder.keystoneListDomainPermissionsForGroup(
                new KeystoneListDomainPermissionsForGroupRequest().withDomainId(account.id()).withGroupId(group))),
                404, "IAM.0004");
        assertThat(admin.keystoneListDomainPermissionsForGroup(new KeystoneListDomainPermissionsForGroupRequest()
                .withDomainId(account.id()).withGroupId(group)).getRoles()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The account owner (an administrator) with a new access key, as a signing SDK client. */
    private IamClient adminClient(TestAccount account) {
        CreateCredentialResult key = createKey(account, account.ownerId());
        return Sdk.signedClient(port, key.getAccess(), key.getSecret(), account.id(), null);
    }

    private CreateCredentialResult createKey(TestAccount account, String userId) {
        return Sdk.client(port, account.adminToken()).createPermanentAccessKey(new CreatePermanentAccessKeyRequest()
                .withBody(new CreatePermanentAccessKeyRequestBody().withCredential(new CreateCredentialOption()
                        .withUserId(userId)))).getCredential();
    }

    private static void assertRefusal(ClientRequestException e, int status, String code) {
        assertThat(e.getHttpStatusCode()).as(e.toString()).isEqualTo(status);
        assertThat(e.getErrorCode()).as(e.toString()).isEqualTo(code);
        assertThat(e.getErrorMsg()).isNotBlank();
        assertThat(e.getRequestId()).matches("[0-9a-f]{32}");
    }
}
