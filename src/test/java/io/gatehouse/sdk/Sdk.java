package io.gatehouse.sdk;

import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.iam.v3.IAMCredentials;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.AuthScope;
import com.huaweicloud.sdk.iam.v3.model.AuthScopeDomain;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneCreateUserTokenByPasswordRequestBody;
import com.huaweicloud.sdk.iam.v3.model.PwdAuth;
import com.huaweicloud.sdk.iam.v3.model.PwdIdentity;
import com.huaweicloud.sdk.iam.v3.model.PwdPassword;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUser;
import com.huaweicloud.sdk.iam.v3.model.PwdPasswordUserDomain;
import java.util.List;

/** The official Huawei Cloud IAM SDK, unmodified, pointed at a local Gatehouse. */
final class Sdk {

    private Sdk() {
    }

    /** A client that sends {@code token} as X-Auth-Token; no region, so no discovery calls. */
    static IamClient client(int port, String token) {
        return IamClient.newBuilder()
                .withCredential(new IAMCredentials().withXAuthToken(token))
                .withEndpoints(List.of("http://127.0.0.1:" + port))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true))
                .build();
    }

    /**
     * A client that signs every request with an access key (AK/SK), as applications use the SDK:
     * {@code GlobalCredentials} adds {@code X-Domain-Id} and fills {@code {domain_id}} path parameters;
     * {@code securityToken} (null for a permanent key) is sent as {@code X-Security-Token}.
     */
    static IamClient signedClient(int port, String ak, String sk, String domainId, String securityToken) {
        GlobalCredentials credentials = new GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domainId);
        if (securityToken != null) {
            credentials.withSecurityToken(securityToken);
        }
        return IamClient.newBuilder()
                .withCredential(credentials)
                .withEndpoints(List.of("http://127.0.0.1:" + port))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true))
                .build();
    }

    /** A password sign-in scoped to the user's own account, as the SDK builds it. */
    static KeystoneCreateUserTokenByPasswordRequest passwordSignIn(String accountName, String userName,
            String password) {
        return new KeystoneCreateUserTokenByPasswordRequest().withBody(new KeystoneCreateUserTokenByPasswordRequestBody()
                .withAuth(new PwdAuth()
                        .withIdentity(new PwdIdentity()
                                .withMethods(List.of(PwdIdentity.MethodsEnum.PASSWORD))
                                .withPassword(new PwdPassword().withUser(new PwdPasswordUser()
                                        .withName(userName)
                                        .withPassword(password)
                                        .withDomain(new PwdPasswordUserDomain().withName(accountName)))))
                        .withScope(new AuthScope().withDomain(new AuthScopeDomain().withName(accountName)))));
    }

    /** Runs an SDK call that must be refused with a 4xx and returns what the SDK made of the refusal. */
    static ClientRequestException refusal(Runnable call) {
        try {
            call.run();
        } catch (ClientRequestException e) {
            return e;
        }
        throw new AssertionError("The call succeeded, but a ClientRequestException was expected");
    }
}
