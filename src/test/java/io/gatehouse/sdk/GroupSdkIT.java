package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.DeleteDomainGroupInheritedRoleRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAddUserToGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAssociateGroupWithDomainPermissionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneAssociateGroupWithProjectPermissionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckDomainPermissionForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckProjectPermissionForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckUserInGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCheckroleForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateGroupRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneDeleteGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneGroupResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneGroupResultWithLinksSelf;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListAllProjectPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListDomainPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListGroupsForUserRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListGroupsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListUsersForGroupByAdminRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveDomainPermissionFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveProjectPermissionFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveUserFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateGroupOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateGroupRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUserResult;
import com.huaweicloud.sdk.iam.v3.model.RoleAssignmentBody;
import com.huaweicloud.sdk.iam.v3.model.RoleResult;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainRoleAssignmentsRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainRoleAssignmentsResponse;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainGroupInheritRoleRequest;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Groups, membership and group grants through the official SDK (3.1.192) with an X-Auth-Token. */
class GroupSdkIT extends IntegrationTest {

    private static final String TENANT_GUEST = "00000000000000000000000000000003";
    private static final String SECURITY_ADMINISTRATOR = "00000000000000000000000000000002";

    @Test
    void groupsWhenCreatedListedShownUpdatedAndDeletedThenSdkReadsEveryField() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());
        String name = "sdk-" + Fixtures.unique();

        KeystoneGroupResultWithLinksSelf created = admin.keystoneCreateGroup(new KeystoneCreateGroupRequest()
                .withBody(new KeystoneCreateGroupRequestBody().withGroup(new KeystoneCreateGroupOption()
                        .withName(name).withDescription("made by the SDK").withDomainId(account.id())))).getGroup();

        assertThat(created.getId()).matches("[0-9a-f]{32}");
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getDomainId()).isEqualTo(account.id());
        assertThat(created.getDescription()).isEqualTo("made by the SDK");
        assertThat(created.getLinks().getSelf()).endsWith("/v3/groups/" + created.getId());
        assertThat(created.getCreateTime()).isPositive();

        assertThat(admin.keystoneListGroups(new KeystoneListGroupsRequest()).getGroups())
                .extracting(KeystoneGroupResult::getName).containsExactly("admin", name);
        assertThat(admin.keystoneListGroups(new KeystoneListGroupsRequest().withName(name).withDomainId(account.id()))
                .getGroups()).extracting(KeystoneGroupResult::getId).containsExactly(created.getId());
        KeystoneGroupResult shown = admin.keystoneShowGroup(new KeystoneShowGroupRequest().withGroupId(created.getId()))
                .getGroup();
        assertThat(shown.getCreateTime()).isEqualTo(created.getCreateTime());
        KeystoneGroupResultWithLinksSelf updated = admin.keystoneUpdateGroup(new KeystoneUpdateGroupRequest()
                .withGroupId(created.getId()).withBody(new KeystoneUpdateGroupRequestBody()
                        .withGroup(new KeystoneUpdateGroupOption().withDescription("changed")))).getGroup();
        assertThat(updated.getName()).isEqualTo(name);
        assertThat(updated.getDescription()).isEqualTo("changed");

        assertThat(admin.keystoneDeleteGroup(new KeystoneDeleteGroupRequest().withGroupId(created.getId()))
                .getHttpStatusCode()).isEqualTo(204);
        ClientRequestException gone = Sdk.refusal(
                () -> admin.keystoneShowGroup(new KeystoneShowGroupRequest().withGroupId(created.getId())));
        assertThat(gone.getHttpStatusCode()).isEqualTo(404);
        assertThat(gone.getErrorCode()).isEqualTo("IAM.0004");
        ClientRequestException duplicate = Sdk.refusal(() -> admin.keystoneCreateGroup(new KeystoneCreateGroupRequest()
                .withBody(new KeystoneCreateGroupRequestBody().withGroup(new KeystoneCreateGroupOption()
                        .withName("admin")))));
        assertThat(duplicate.getHttpStatusCode()).isEqualTo(409);
        assertThat(duplicate.getErrorCode()).isEqualTo("IAM.0005");
    }

    @Test
    void membershipWhenAddedCheckedListedAndRemovedThroughSdkThenEachWorks() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        IamClient admin = Sdk.client(port, account.adminToken());
        String group = newGroup(admin);

        assertThat(admin.keystoneAddUserToGroup(new KeystoneAddUserToGroupRequest().withGroupId(group)
                .withUserId(user.id())).getHttpStatusCode()).isEqualTo(204);
        assertThat(admin.keystoneCheckUserInGroup(new KeystoneCheckUserInGroupRequest().withGroupId(group)
                .withUserId(user.id())).getHttpStatusCode()).isEqualTo(204);
        assertThat(admin.keystoneListUsersForGroupByAdmin(new KeystoneListUsersForGroupByAdminRequest()
                .withGroupId(group)).getUsers()).extracting(KeystoneUserResult::getName).containsExactly(user.name());
        assertThat(admin.keystoneListGroupsForUser(new KeystoneListGroupsForUserRequest().withUserId(user.id()))
                .getGroups()).extracting(KeystoneGroupResult::getId).containsExactly(group);

        assertThat(admin.keystoneRemoveUserFromGroup(new KeystoneRemoveUserFromGroupRequest().withGroupId(group)
                .withUserId(user.id())).getHttpStatusCode()).isEqualTo(204);
        ClientRequestException notMember = Sdk.refusal(() -> admin.keystoneCheckUserInGroup(
                new KeystoneCheckUserInGroupRequest().withGroupId(group).withUserId(user.id())));
        assertThat(notMember.getHttpStatusCode()).isEqualTo(404);
        ClientRequestException plain = Sdk.refusal(() -> Sdk.client(port, fixtures.token(user))
                .keystoneAddUserToGroup(new KeystoneAddUserToGroupRequest().withGroupId(group).withUserId(user.id())));
        assertThat(plain.getHttpStatusCode()).isEqualTo(403);
        assertThat(plain.getErrorCode()).isEqualTo("IAM.0003");
    }

    @Test
    void groupGrantsWhenAssociatedCheckedListedAndRemovedThroughSdkThenEachWorks() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());
        String group = newGroup(admin);
        String project = fixtures.defaultProjectId(account);

        // On the account.
        assertThat(admin.keystoneAssociateGroupWithDomainPermission(new KeystoneAssociateGroupWithDomainPermissionRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneCheckDomainPermissionForGroup(new KeystoneCheckDomainPermissionForGroupRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);
        RoleResult role = admin.keystoneListDomainPermissionsForGroup(new KeystoneListDomainPermissionsForGroupRequest()
                .withDomainId(account.id()).withGroupId(group)).getRoles().get(0);
        assertThat(role.getId()).isEqualTo(TENANT_GUEST);
        assertThat(role.getName()).isEqualTo("readonly");
        assertThat(role.getDisplayName()).isEqualTo("Tenant Guest");
        assertThat(role.getType()).isEqualTo("AA");
        assertThat(role.getPolicy().getVersion()).isEqualTo("1.1");
        assertThat(role.getPolicy().getStatement()).isNotEmpty();
        assertThat(role.getPolicy().getStatement().get(0).getAction()).contains("*:*:get*");
        assertThat(admin.keystoneRemoveDomainPermissionFromGroup(new KeystoneRemoveDomainPermissionFromGroupRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);
        ClientRequestException revoked = Sdk.refusal(() -> admin.keystoneCheckDomainPermissionForGroup(
                new KeystoneCheckDomainPermissionForGroupRequest().withDomainId(account.id()).withGroupId(group)
                        .withRoleId(TENANT_GUEST)));
        assertThat(revoked.getHttpStatusCode()).isEqualTo(404);

        // On a project.
        admin.keystoneAssociateGroupWithProjectPermission(new KeystoneAssociateGroupWithProjectPermissionRequest()
                .withProjectId(project).withGroupId(group).withRoleId(TENANT_GUEST));
        assertThat(admin.keystoneCheckProjectPermissionForGroup(new KeystoneCheckProjectPermissionForGroupRequest()
                .withProjectId(project).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode()).isEqualTo(204);
        assertThat(admin.keystoneListProjectPermissionsForGroup(new KeystoneListProjectPermissionsForGroupRequest()
                .withProjectId(project).withGroupId(group)).getRoles()).extracting(RoleResult::getId)
                .containsExactly(TENANT_GUEST);
        assertThat(admin.keystoneRemoveProjectPermissionFromGroup(new KeystoneRemoveProjectPermissionFromGroupRequest()
                .withProjectId(project).withGroupId(group).withRoleId(TENANT_GUEST)).getHttpStatusCode())
                .isEqualTo(204);

        // On all projects.
        assertThat(admin.updateDomainGroupInheritRole(new UpdateDomainGroupInheritRoleRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(SECURITY_ADMINISTRATOR)).getHttpStatusCode())
                .isEqualTo(204);
        assertThat(admin.keystoneCheckroleForGroup(new KeystoneCheckroleForGroupRequest().withDomainId(account.id())
                .withGroupId(group).withRoleId(SECURITY_ADMINISTRATOR)).getHttpStatusCode()).isEqualTo(204);
        assertThat(admin.keystoneListAllProjectPermissionsForGroup(new KeystoneListAllProjectPermissionsForGroupRequest()
                .withDomainId(account.id()).withGroupId(group)).getRoles()).singleElement()
                .satisfies(r -> assertThat(r.getDisplayName()).isEqualTo("Security Administrator"));

        ShowDomainRoleAssignmentsResponse assignments = admin.showDomainRoleAssignments(
                new ShowDomainRoleAssignmentsRequest().withDomainId(account.id()).withSubjectGroupId(group)
                        .withScope("domain").withIsInherited(true).withPage(1).withPerPage(10));
        assertThat(assignments.getTotalNum()).isEqualTo(1);
        RoleAssignmentBody record = assignments.getRoleAssignments().get(0);
        assertThat(record.getGroup().getId()).isEqualTo(group);
        assertThat(record.getUser()).isNull();
        assertThat(record.getRole().getId()).isEqualTo(SECURITY_ADMINISTRATOR);
        assertThat(record.getScope().getDomain().getId()).isEqualTo(account.id());
        assertThat(record.getIsInherited()).isTrue();
        assertThat(admin.showDomainRoleAssignments(new ShowDomainRoleAssignmentsRequest().withDomainId(account.id()))
                .getTotalNum()).isEqualTo(3);

        assertThat(admin.deleteDomainGroupInheritedRole(new DeleteDomainGroupInheritedRoleRequest()
                .withDomainId(account.id()).withGroupId(group).withRoleId(SECURITY_ADMINISTRATOR)).getHttpStatusCode())
                .isEqualTo(204);
        ClientRequestException gone = Sdk.refusal(() -> admin.deleteDomainGroupInheritedRole(
                new DeleteDomainGroupInheritedRoleRequest().withDomainId(account.id()).withGroupId(group)
                        .withRoleId(SECURITY_ADMINISTRATOR)));
        assertThat(gone.getHttpStatusCode()).isEqualTo(404);
        assertThat(gone.getErrorCode()).isEqualTo("IAM.0004");
        ClientRequestException badPage = Sdk.refusal(() -> admin.showDomainRoleAssignments(
                new ShowDomainRoleAssignmentsRequest().withDomainId(account.id()).withPage(1).withPerPage(51)));
        assertThat(badPage.getHttpStatusCode()).isEqualTo(400);
        assertThat(badPage.getErrorCode()).isEqualTo("IAM.0007");
    }

    @Test
    void grantWhenOtherAccountsAdminUsesSdkThenNotFound() {
        TestAccount account = fixtures.newAccount();
        String group = newGroup(Sdk.client(port, account.adminToken()));
        IamClient intruder = Sdk.client(port, fixtures.newAccount().adminToken());

        ClientRequestException grant = Sdk.refusal(() -> intruder.keystoneAssociateGroupWithDomainPermission(
                new KeystoneAssociateGroupWithDomainPermissionRequest().withDomainId(account.id()).withGroupId(group)
                        .withRoleId(SECURITY_ADMINISTRATOR)));
        ClientRequestException list = Sdk.refusal(() -> intruder.keystoneListUsersForGroupByAdmin(
                new KeystoneListUsersForGroupByAdminRequest().withGroupId(group)));

        assertThat(grant.getHttpStatusCode()).isEqualTo(404);
        assertThat(list.getHttpStatusCode()).isEqualTo(404);
        assertThat(list.getErrorCode()).isEqualTo("IAM.0004");
    }

    private static String newGroup(IamClient admin) {
        return admin.keystoneCreateGroup(new KeystoneCreateGroupRequest().withBody(new KeystoneCreateGroupRequestBody()
                .withGroup(new KeystoneCreateGroupOption().withName("g-" + Fixtures.unique())))).getGroup().getId();
    }
}
