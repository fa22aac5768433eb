package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AclPolicyOption;
import com.huaweicloud.sdk.iam.v3.model.AclPolicyResult;
import com.huaweicloud.sdk.iam.v3.model.AllowAddressNetmasksOption;
import com.huaweicloud.sdk.iam.v3.model.AllowAddressNetmasksOptionIPv6;
import com.huaweicloud.sdk.iam.v3.model.AllowIpRangesOption;
import com.huaweicloud.sdk.iam.v3.model.AllowIpRangesOptionIPv6;
import com.huaweicloud.sdk.iam.v3.model.AllowUserBody;
import com.huaweicloud.sdk.iam.v3.model.AllowVpcEndpointsOption;
import com.huaweicloud.sdk.iam.v3.model.ConsoleAclPolicyOption;
import com.huaweicloud.sdk.iam.v3.model.ConsoleAclPolicyResult;
import com.huaweicloud.sdk.iam.v3.model.ProtectPolicyOption;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainApiAclPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainConsoleAclPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainProtectPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainProtectPolicyResponseBodyProtectPolicy;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainApiAclPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainApiAclPolicyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainConsoleAclPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainConsoleAclPolicyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainProtectPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainProtectPolicyRequestBody;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainProtectPolicyResponseBodyProtectPolicy;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ACL and protect-policy operations as the official SDK (3.1.192) sends and reads them. */
class AclAndProtectPolicySdkIT extends IntegrationTest {

    @Test
    void updateDomainApiAclPolicyWhenSdkSendsAllListsThenShowReturnsThem() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        AclPolicyResult updated = admin.updateDomainApiAclPolicy(new UpdateDomainApiAclPolicyRequest()
                .withDomainId(account.id()).withBody(new UpdateDomainApiAclPolicyRequestBody()
                        .withApiAclPolicy(new AclPolicyOption()
                                .withAllowIpRanges(List.of(new AllowIpRangesOption()
                                        .withIpRange("192.0.2.1-192.0.2.9").withDescription("office")))
                                .withAllowAddressNetmasks(List.of(new AllowAddressNetmasksOption()
                                        .withAddressNetmask("127.0.0.0/8").withDescription("local")))
                                .withAllowVpcEndpoints(List.of(new AllowVpcEndpointsOption()
                                        .withVpcEndpointId("8f3a0c2e-1c2d-4e5f-9a8b-7c6d5e4f3a2b")
                                        .withDescription("endpoint"))))))
                .getApiAclPolicy();
        AclPolicyResult shown = admin.showDomainApiAclPolicy(new ShowDomainApiAclPolicyRequest()
                .withDomainId(account.id())).getApiAclPolicy();

        for (AclPolicyResult p : List.of(updated, shown)) {
            assertThat(p.getAllowIpRanges().get(0).getIpRange()).isEqualTo("192.0.2.1-192.0.2.9");
            assertThat(p.getAllowIpRanges().get(0).getDescription()).isEqualTo("office");
            assertThat(p.getAllowAddressNetmasks().get(0).getAddressNetmask()).isEqualTo("127.0.0.0/8");
            assertThat(p.getAllowVpcEndpoints().get(0).getVpcEndpointId())
                    .isEqualTo("8f3a0c2e-1c2d-4e5f-9a8b-7c6d5e4f3a2b");
        }
    }

    @Test
    void updateDomainApiAclPolicyWhenItExcludesTheCallerThenSdkSeesBadRequest() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        assertThatThrownBy(() -> admin.updateDomainApiAclPolicy(new UpdateDomainApiAclPolicyRequest()
                .withDomainId(account.id()).withBody(new UpdateDomainApiAclPolicyRequestBody()
                        .withApiAclPolicy(new AclPolicyOption().withAllowAddressNetmasks(List.of(
                                new AllowAddressNetmasksOption().withAddressNetmask("192.0.2.0/24")))))))
                .isInstanceOfSatisfying(ClientRequestException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo("IAM.0073");
                    assertThat(e.getErrorMsg()).contains("lock you out");
                });
    }

    @Test
    void updateDomainConsoleAclPolicyWhenIpv4AndIpv6ListsThenShowReturnsThem() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        admin.updateDomainConsoleAclPolicy(new UpdateDomainConsoleAclPolicyRequest().withDomainId(account.id())
                .withBody(new UpdateDomainConsoleAclPolicyRequestBody().withConsoleAclPolicy(new ConsoleAclPolicyOption()
                        .withAllowAddressNetmasks(List.of(new AllowAddressNetmasksOption()
                                .withAddressNetmask("127.0.0.1/32").withDescription("")))
                        .withAllowIpRanges(List.of())
                        .withAllowAddressNetmasksIpv6(List.of(new AllowAddressNetmasksOptionIPv6()
                                .withAddressNetmask("2001:db8::/32").withDescription("v6")))
                        .withAllowIpRangesIpv6(List.of(new AllowIpRangesOptionIPv6()
                                .withIpRange("fd00::1-fd00::ff").withDescription("ula"))))));
        ConsoleAclPolicyResult shown = admin.showDomainConsoleAclPolicy(new ShowDomainConsoleAclPolicyRequest()
                .withDomainId(account.id())).getConsoleAclPolicy();

        assertThat(shown.getAllowAddressNetmasks().get(0).getAddressNetmask()).isEqualTo("127.0.0.1/32");
        assertThat(shown.getAllowIpRanges()).isEmpty();
        assertThat(shown.getAllowAddressNetmasksIpv6().get(0).getAddressNetmask()).isEqualTo("2001:db8::/32");
        assertThat(shown.getAllowIpRangesIpv6().get(0).getIpRange()).isEqualTo("fd00::1-fd00::ff");
    }

    @Test
    void updateDomainProtectPolicyWhenSdkSendsEveryFieldThenShowReturnsThem() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        UpdateDomainProtectPolicyResponseBodyProtectPolicy updated = admin.updateDomainProtectPolicy(
                new UpdateDomainProtectPolicyRequest().withDomainId(account.id())
                        .withBody(new UpdateDomainProtectPolicyRequestBody().withProtectPolicy(new ProtectPolicyOption()
                                .withOperationProtection(true)
                                .withAllowUser(new AllowUserBody().withManageAccesskey(false).withManageEmail(true)
                                        .withManageMobile(false).withManagePassword(true))
                                .withAdminCheck("on").withScene("mobile").withMobile("0086-13800000000"))))
                .getProtectPolicy();
        ShowDomainProtectPolicyResponseBodyProtectPolicy shown = admin.showDomainProtectPolicy(
                new ShowDomainProtectPolicyRequest().withDomainId(account.id())).getProtectPolicy();

        assertThat(updated.getOperationProtection()).isTrue();
        assertThat(updated.getAllowUser().getManageAccesskey()).isFalse();
        assertThat(shown.getOperationProtection()).isTrue();
        assertThat(shown.getAllowUser().getManageEmail()).isTrue();
        assertThat(shown.getAllowUser().getManageMobile()).isFalse();
        assertThat(shown.getAdminCheck()).isEqualTo("on");
        assertThat(shown.getScene()).isEqualTo("mobile");
        assertThat(shown.getMobile()).isEqualTo("0086-13800000000");
    }
}
