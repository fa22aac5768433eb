package io.gatehouse.credential;

import static io.gatehouse.credential.AccessKeyIT.assertError;
import static io.gatehouse.credential.AccessKeyIT.create;
import static io.gatehouse.credential.SignatureIT.byToken;
import static io.gatehouse.credential.SignatureIT.temporary;
import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.model.ShowUserRequest;
import io.gatehouse.testsupport.AkSk;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Time and signatures, with the server's clock moved forward instead of waiting: a temporary key past its
 * expiry, and the SDK's own X-Sdk-Date once the server's time is more than 15 minutes from it.
 */
@Import(SignatureClockIT.MovableClock.class)
class SignatureClockIT extends IntegrationTest {

    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Autowired
    MovableClock clock;

    @AfterEach
    void backToNow() {
        clock.offset = Duration.ZERO;
    }

    @Test
    void temporaryKeyWhenPastItsExpiryThenIam1108() {
        TestAccount account = fixtures.newAccount();
        AkSk.Key key = temporary(api.post("/v3.0/OS-CREDENTIAL/securitytokens", account.adminToken(), byToken(900))
                .json().get("credential"));
        String path = "/v3.0/OS-USER/users/" + account.ownerId();
        assertThat(AkSk.signed(api, "GET", path, null, key).send().status()).isEqualTo(200);

        clock.offset = Duration.ofMinutes(15).plusSeconds(1);
        // Signed at the server's (moved) time, so that only the key's expiry is wrong.
        Map<String, String> date = Map.of("X-Sdk-Date", SDK_DATE.format(clock.instant()));

        assertError(AkSk.signed(api, "GET", path, null, key, date).send(), 400, "IAM.1108");
    }

    @Test
    void sdkCallWhenServerClockMoreThanFifteenMinutesAheadThenStaleDateRefused() {
        TestAccount account = fixtures.newAccount();
        JsonNode c = api.post("/v3.0/OS-CREDENTIAL/credentials", account.adminToken(), create(account.ownerId()))
                .json().get("credential");
        IamClient signed = IamClient.newBuilder()
                .withCredential(new GlobalCredentials().withAk(c.get("access").asString())
                        .withSk(c.get("secret").asString()).withDomainId(account.id()))
                .withEndpoints(List.of("http://127.0.0.1:" + port))
                .withHttpConfig(HttpConfig.getDefaultHttpConfig()).build();
        assertThat(signed.showUser(new ShowUserRequest().withUserId(account.ownerId())).getUser().getId())
                .isEqualTo(account.ownerId());

        clock.offset = Duration.ofMinutes(16);
        try {
            signed.showUser(new ShowUserRequest().withUserId(account.ownerId()));
            throw new AssertionError("A request signed 16 minutes before the server's time was accepted");
        } catch (ClientRequestException e) {
            assertThat(e.getHttpStatusCode()).isEqualTo(401);
            assertThat(e.getErrorCode()).isEqualTo("APIGW.0301");
            assertThat(e.getErrorMsg()).contains("X-Sdk-Date");
        }
    }

    /** The system clock plus an offset that a test may move. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock extends Clock {

        volatile Duration offset = Duration.ZERO;

        @Bean
        @Primary
        MovableClock movableClock() {
            return this;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
