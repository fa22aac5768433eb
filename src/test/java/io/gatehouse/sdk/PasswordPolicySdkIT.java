package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.ConfigByOption;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowSecurityComplianceByOptionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowSecurityComplianceRequest;
import com.huaweicloud.sdk.iam.v3.model.PasswordPolicyOption;
import com.huaweicloud.sdk.iam.v3.model.PasswordPolicyResult;
import com.huaweicloud.sdk.iam.v3.model.SecurityCompliance;
import com.huaweicloud.sdk.iam.v3.model.ShowDomainPasswordPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainPasswordPolicyRequest;
import com.huaweicloud.sdk.iam.v3.model.UpdateDomainPasswordPolicyRequestBody;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The password policy and Keystone's security_compliance through the official Huawei SDK. */
class PasswordPolicySdkIT extends IntegrationTest {

    @Test
    void updateAndShowPasswordPolicyWhenSdkThenEveryFieldReadBack() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        PasswordPolicyResult updated = admin.updateDomainPasswordPolicy(new UpdateDomainPasswordPolicyRequest()
                .withDomainId(account.id()).withBody(new UpdateDomainPasswordPolicyRequestBody()
                        .withPasswordPolicy(new PasswordPolicyOption().withMinimumPasswordLength(12)
                                .withPasswordCharCombination(3).withNumberOfRecentPasswordsDisallowed(5)
                                .withPasswordValidityPeriod(90).withMinimumPasswordAge(30)
                                .withMaximumConsecutiveIdenticalChars(4).withPasswordNotUsernameOrInvert(false))))
                .getPasswordPolicy();
        PasswordPolicyResult shown = admin.showDomainPasswordPolicy(new ShowDomainPasswordPolicyRequest()
                .withDomainId(account.id())).getPasswordPolicy();

        assertThat(shown).isEqualTo(updated);
        assertThat(shown.getMinimumPasswordLength()).isEqualTo(12);
        assertThat(shown.getPasswordCharCombination()).isEqualTo(3);
        assertThat(shown.getNumberOfRecentPasswordsDisallowed()).isEqualTo(5);
        assertThat(shown.getPasswordValidityPeriod()).isEqualTo(90);
        assertThat(shown.getMinimumPasswordAge()).isEqualTo(30);
        assertThat(shown.getMaximumConsecutiveIdenticalChars()).isEqualTo(4);
        assertThat(shown.getPasswordNotUsernameOrInvert()).isFalse();
        assertThat(shown.getMaximumPasswordLength()).isEqualTo(128);
        assertThat(shown.getPasswordRequirements()).contains("12 to 128");
    }

    @Test
    void updatePasswordPolicyWhenOutOfRangeThenSdkSeesIam0073() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        ClientRequestException e = Sdk.refusal(() -> admin.updateDomainPasswordPolicy(
                new UpdateDomainPasswordPolicyRequest().withDomainId(account.id())
                        .withBody(new UpdateDomainPasswordPolicyRequestBody()
                                .withPasswordPolicy(new PasswordPolicyOption().withMinimumPasswordLength(6)))));

        assertThat(e.getHttpStatusCode()).isEqualTo(400);
        assertThat(e.getErrorCode()).isEqualTo("IAM.0073");
    }

    @Test
    void securityComplianceWhenSdkThenRegexAndDescriptionReadByGroupAndByOption() {
        TestAccount account = fixtures.newAccount();
        IamClient admin = Sdk.client(port, account.adminToken());

        SecurityCompliance group = admin.keystoneShowSecurityCompliance(new KeystoneShowSecurityComplianceRequest()
                .withDomainId(account.id())).getConfig().getSecurityCompliance();
        ConfigByOption regex = admin.keystoneShowSecurityComplianceByOption(
                new KeystoneShowSecurityComplianceByOptionRequest().withDomainId(account.id())
                        .withOption(KeystoneShowSecurityComplianceByOptionRequest.OptionEnum.PASSWORD_REGEX))
                .getConfig();
        ConfigByOption description = admin.keystoneShowSecurityComplianceByOption(
                new KeystoneShowSecurityComplianceByOptionRequest().withDomainId(account.id())
                        .withOption(KeystoneShowSecurityComplianceByOptionRequest.OptionEnum.PASSWORD_REGEX_DESCRIPTION))
                .getConfig();

        assertThat(group.getPasswordRegex()).isNotBlank();
        assertThat(group.getPasswordRegexDescription()).contains("8 to 128");
        assertThat(regex.getPasswordRegex()).isEqualTo(group.getPasswordRegex());
        assertThat(regex.getPasswordRegexDescription()).isNull();
        assertThat(description.getPasswordRegexDescription()).isEqualTo(group.getPasswordRegexDescription());
        assertThat(description.getPasswordRegex()).isNull();
    }
}
