package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Project;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.User;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneProject;
import org.openstack4j.openstack.internal.OSClientSession.OSClientSessionV3;

/**
 * A Keystone v3 client, openstack4j 3.12 (core with its OkHttp connector), unmodified: it signs in with a
 * password and a domain scope, finds the identity endpoint in the token's catalog, and lists users and
 * projects.
 */
class OpenStack4jIT extends IntegrationTest {

    private static final String REGION = "gh-region-1";

    private String authUrl() {
        return "http://127.0.0.1:" + port + "/v3";
    }

    private OSClientV3 signIn(TestAccount account, String user, String password) {
        return OSFactory.builderV3().endpoint(authUrl())
                .credentials(user, password, Identifier.byName(account.name()))
                .scopeToDomain(Identifier.byName(account.name())).authenticate();
    }

    @Test
    void domainScopedSignInWhenPasswordRightThenListsUsersAndProjects() {
        TestAccount account = fixtures.newAccount();
        TestUser alice = fixtures.newUser(account);

        OSClientV3 os = signIn(account, "owner", Fixtures.OWNER_PASSWORD);

        assertThat(os.getToken().getUser().getId()).isEqualTo(account.ownerId());
        assertThat(os.getToken().getDomain().getId()).isEqualTo(account.id());
        List<? extends Service> catalog = os.getToken().getCatalog();
        assertThat(catalog).extracting(Service::getType).containsExactly("identity");
        assertThat(catalog.get(0).getEndpoints()).extracting(e -> e.getUrl().toString()).containsOnly(authUrl());
        // Resolved from the catalog: type identity and name keystone are what openstack4j matches.
        assertThat(((OSClientSessionV3) os).getEndpoint(ServiceType.IDENTITY)).isEqualTo(authUrl());

        List<? extends User> users = os.identity().users().list();
        assertThat(users).extracting(User::getName).contains("owner", alice.name());
        assertThat(users).extracting(User::getDomainId).containsOnly(account.id());
        User found = os.identity().users().get(alice.id());
        assertThat(found.getName()).isEqualTo(alice.name());

        List<? extends Project> projects = os.identity().projects().list();
        assertThat(projects).extracting(Project::getName).containsExactly(REGION);
        assertThat(projects.get(0).getDomainId()).isEqualTo(account.id());
        assertThat(projects.get(0).getParentId()).isEqualTo(account.id());
    }

    @Test
    void projectsWhenCreatedAndUpdatedThroughOpenStack4jThenAProjectScopedSignInWorks() {
        TestAccount account = fixtures.newAccount();
        OSClientV3 os = signIn(account, "owner", Fixtures.OWNER_PASSWORD);
        String regionId = os.identity().projects().getByName(REGION, account.id()).getId();

        Project created = os.identity().projects().create(KeystoneProject.builder().name(REGION + "_os4j")
                .domainId(account.id()).parentId(regionId).description("from openstack4j").build());
        Project updated = os.identity().projects().update(KeystoneProject.builder().id(created.getId())
                .name(REGION + "_os4j").description("changed").build());

        assertThat(created.getParentId()).isEqualTo(regionId);
        assertThat(updated.getDescription()).isEqualTo("changed");
        assertThat(os.identity().projects().get(created.getId()).getName()).isEqualTo(REGION + "_os4j");

        OSClientV3 scoped = OSFactory.builderV3().endpoint(authUrl())
                .credentials("owner", Fixtures.OWNER_PASSWORD, Identifier.byName(account.name()))
                .scopeToProject(Identifier.byId(created.getId())).authenticate();
        assertThat(scoped.getToken().getProject().getId()).isEqualTo(created.getId());
        assertThat(scoped.identity().users().list()).extracting(User::getName).contains("owner");
    }

    @Test
    void signInWhenPasswordWrongThenAuthenticationException() {
        TestAccount account = fixtures.newAccount();

        assertThatThrownBy(() -> signIn(account, "owner", "wrong-password-1"))
                .isInstanceOf(AuthenticationException.class);
    }
}
