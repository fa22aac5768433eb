package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AuthProjectResult;
import com.huaweicloud.sdk.iam.v3.model.Catalog;
import com.huaweicloud.sdk.iam.v3.model.Domains;
import com.huaweicloud.sdk.iam.v3.model.Endpoint;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateProjectRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListAuthDomainsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListAuthProjectsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListEndpointsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectsForUserRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectsResponse;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListRegionsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListServicesRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListVersionsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowCatalogRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowEndpointRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowRegionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowServiceRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowVersionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateProjectOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateProjectRequestBody;
import com.huaweicloud.sdk.iam.v3.model.KeystoneUpdateProjectResult;
import com.huaweicloud.sdk.iam.v3.model.ProjectDetailsAndStatusResult;
import com.huaweicloud.sdk.iam.v3.model.ProjectResult;
import com.huaweicloud.sdk.iam.v3.model.Region;
import com.huaweicloud.sdk.iam.v3.model.Service;
import com.huaweicloud.sdk.iam.v3.model.ShowProjectDetailsAndStatusRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateProjectOption;
import com.huaweicloud.sdk.iam.v3.model.UpdateProjectStatusRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateProjectStatusRequestBody;
import com.huaweicloud.sdk.iam.v3.model.Version;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official SDK's project, scope and discovery operations against Gatehouse, with X-Auth-Token credentials. */
class ProjectSdkIT extends IntegrationTest {

    private static final String REGION = "gh-region-1";

    private TestAccount account;
    private IamClient admin;

    @BeforeEach
    void account() {
        account = fixtures.newAccount();
        admin = Sdk.client(port, account.adminToken());
    }

    private String regionProjectId() {
        return admin.keystoneListProjects(new KeystoneListProjectsRequest().withName(REGION)).getProjects().get(0)
                .getId();
    }

    private AuthProjectResult create(String name) {
        return admin.keystoneCreateProject(new KeystoneCreateProjectRequest().withBody(
                new KeystoneCreateProjectRequestBody().withProject(new KeystoneCreateProjectOption().withName(name)
                        .withParentId(regionProjectId()).withDomainId(account.id()).withDescription("by the SDK"))))
                .getProject();
    }

    @Test
    void projectsWhenCreatedListedShownUpdatedAndSuspendedThenTheSdkReadsEveryField() {
        AuthProjectResult created = create(REGION + "_sdk");
        String id = created.getId();

        assertThat(created.getName()).isEqualTo(REGION + "_sdk");
        assertThat(created.getParentId()).isEqualTo(regionProjectId());
        assertThat(created.getDomainId()).isEqualTo(account.id());
        assertThat(created.getDescription()).isEqualTo("by the SDK");
        assertThat(created.getIsDomain()).isFalse();
        assertThat(created.getEnabled()).isTrue();
        assertThat(created.getLinks().getSelf()).endsWith("/v3/projects/" + id);

        KeystoneListProjectsResponse page = admin.keystoneListProjects(new KeystoneListProjectsRequest()
                .withDomainId(account.id()).withEnabled(true).withIsDomain(false).withPage(2).withPerPage(1));
        assertThat(page.getProjects()).extracting(ProjectResult::getName).containsExactly(REGION + "_sdk");
        assertThat(page.getLinks().getPrevious()).contains("/v3/projects?").contains("domain_id=" + account.id())
                .contains("page=1&per_page=1");
        assertThat(page.getLinks().getNext()).isNull();

        ProjectResult shown = admin.keystoneShowProject(new KeystoneShowProjectRequest().withProjectId(id))
                .getProject();
        assertThat(shown.getName()).isEqualTo(REGION + "_sdk");
        assertThat(shown.getParentId()).isEqualTo(created.getParentId());

        KeystoneUpdateProjectResult updated = admin.keystoneUpdateProject(new KeystoneUpdateProjectRequest()
                .withProjectId(id).withBody(new KeystoneUpdateProjectRequestBody().withProject(
                        new KeystoneUpdateProjectOption().withName(REGION + "_renamed").withDescription("new"))))
                .getProject();
        assertThat(updated.getName()).isEqualTo(REGION + "_renamed");
        assertThat(updated.getDescription()).isEqualTo("new");
        assertThat(updated.getExtra()).isNotNull();

        admin.updateProjectStatus(new UpdateProjectStatusRequest().withProjectId(id).withBody(
                new UpdateProjectStatusRequestBody().withProject(new UpdateProjectOption()
                        .withStatus(UpdateProjectOption.StatusEnum.SUSPENDED))));
        ProjectDetailsAndStatusResult details = admin.showProjectDetailsAndStatus(
                new ShowProjectDetailsAndStatusRequest().withProjectId(id)).getProject();
        assertThat(details.getStatus()).isEqualTo("suspended");
        assertThat(details.getName()).isEqualTo(REGION + "_renamed");
        assertThat(details.getDomainId()).isEqualTo(account.id());
        assertThat(details.getIsDomain()).isFalse();
    }

    @Test
    void projectsWhenRefusedThenTheSdkReadsTheHuaweiCodes() {
        TestUser plain = fixtures.newUser(account);
        IamClient user = Sdk.client(port, fixtures.token(plain));
        IamClient otherAdmin = Sdk.client(port, fixtures.newAccount().adminToken());
        String id = create(REGION + "_guarded").getId();

        ClientRequestException denied = Sdk.refusal(() -> user.keystoneListProjects(new KeystoneListProjectsRequest()));
        ClientRequestException hidden = Sdk.refusal(() -> otherAdmin.keystoneShowProject(
                new KeystoneShowProjectRequest().withProjectId(id)));
        ClientRequestException badName = Sdk.refusal(() -> admin.keystoneCreateProject(
                new KeystoneCreateProjectRequest().withBody(new KeystoneCreateProjectRequestBody().withProject(
                        new KeystoneCreateProjectOption().withName("no-region")))));
        ClientRequestException taken = Sdk.refusal(() -> create(REGION + "_guarded"));

        assertThat(denied.getHttpStatusCode()).isEqualTo(403);
        assertThat(denied.getErrorCode()).isEqualTo("IAM.0003");
        assertThat(hidden.getHttpStatusCode()).isEqualTo(404);
        assertThat(hidden.getErrorCode()).isEqualTo("IAM.0004");
        assertThat(badName.getErrorCode()).isEqualTo("IAM.0007");
        assertThat(taken.getHttpStatusCode()).isEqualTo(409);
        assertThat(taken.getErrorCode()).isEqualTo("IAM.0005");
    }

    @Test
    void scopesWhenListedThenProjectsForUserAuthProjectsAndAuthDomains() {
        create(REGION + "_reach");
        TestUser plain = fixtures.newUser(account);
        IamClient user = Sdk.client(port, fixtures.token(plain));

        assertThat(admin.keystoneListProjectsForUser(new KeystoneListProjectsForUserRequest()
                .withUserId(account.ownerId())).getProjects()).extracting(ProjectResult::getName)
                .containsExactly(REGION, REGION + "_reach");
        assertThat(admin.keystoneListAuthProjects(new KeystoneListAuthProjectsRequest()).getProjects())
                .extracting(AuthProjectResult::getName).containsExactly(REGION, REGION + "_reach");
        assertThat(user.keystoneListAuthProjects(new KeystoneListAuthProjectsRequest()).getProjects()).isEmpty();
        assertThat(user.keystoneListProjectsForUser(new KeystoneListProjectsForUserRequest().withUserId(plain.id()))
                .getProjects()).isEmpty();
        List<Domains> domains = user.keystoneListAuthDomains(new KeystoneListAuthDomainsRequest()).getDomains();
        assertThat(domains).extracting(Domains::getId).containsExactly(account.id());
        assertThat(domains.get(0).getName()).isEqualTo(account.name());
        assertThat(domains.get(0).getEnabled()).isTrue();
    }

    @Test
    void discoveryWhenReadThroughTheSdkThenVersionsCatalogRegionsServicesAndEndpoints() {
        IamClient user = Sdk.client(port, fixtures.token(fixtures.newUser(account)));
        String identityUrl = "http://127.0.0.1:" + port + "/v3";

        List<Version> versions = user.keystoneListVersions(new KeystoneListVersionsRequest()).getVersions()
                .getValues();
        Version v3 = user.keystoneShowVersion(new KeystoneShowVersionRequest()).getVersion();
        assertThat(versions).extracting(Version::getId).containsExactly("v3.6");
        assertThat(v3.getStatus()).isEqualTo("stable");
        assertThat(v3.getLinks().get(0).getHref()).isEqualTo(identityUrl + "/");
        assertThat(v3.getMediaTypes().get(0).getType()).isEqualTo("application/vnd.openstack.identity-v3+json");

        List<Catalog> catalog = user.keystoneShowCatalog(new KeystoneShowCatalogRequest()).getCatalog();
        assertThat(catalog).extracting(Catalog::getType).containsExactly("identity");
        assertThat(catalog.get(0).getEndpoints().get(0).getUrl()).isEqualTo(identityUrl);
        assertThat(catalog.get(0).getEndpoints().get(0).getInterface()).isEqualTo("public");
        assertThat(catalog.get(0).getEndpoints().get(0).getRegionId()).isEqualTo(REGION);

        List<Region> regions = user.keystoneListRegions(new KeystoneListRegionsRequest()).getRegions();
        assertThat(regions).extracting(Region::getId).containsExactly(REGION);
        assertThat(user.keystoneShowRegion(new KeystoneShowRegionRequest().withRegionId(REGION)).getRegion()
                .getLocales().getEnUs()).isEqualTo(REGION);

        List<Service> services = user.keystoneListServices(new KeystoneListServicesRequest().withType("identity"))
                .getServices();
        assertThat(services).extracting(Service::getName).containsExactly("keystone");
        assertThat(user.keystoneShowService(new KeystoneShowServiceRequest().withServiceId(services.get(0).getId()))
                .getService().getEnabled()).isTrue();

        List<Endpoint> endpoints = user.keystoneListEndpoints(new KeystoneListEndpointsRequest()
                .withInterface(KeystoneListEndpointsRequest.InterfaceEnum.PUBLIC)
                .withServiceId(services.get(0).getId())).getEndpoints();
        assertThat(endpoints).extracting(Endpoint::getUrl).containsExactly(identityUrl);
        Endpoint shown = user.keystoneShowEndpoint(new KeystoneShowEndpointRequest()
                .withEndpointId(endpoints.get(0).getId())).getEndpoint();
        assertThat(shown.getInterface()).isEqualTo("public");
        assertThat(shown.getServiceId()).isEqualTo(services.get(0).getId());
        assertThat(shown.getRegionId()).isEqualTo(REGION);
    }
}
