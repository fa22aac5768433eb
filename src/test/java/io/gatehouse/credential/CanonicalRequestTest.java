package io.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The canonical request rebuilt on the server must be the one the official SDK's signer (huaweicloud-sdk-core
 * 3.1.192, {@code AKSKSigner}) signed: each case signs a request with the SDK and checks that the signature
 * computed from the server's reconstruction, out of the URL and headers as they travel, is the SDK's.
 */
class CanonicalRequestTest {

    private static final String AK = "HSTESTAK0000000000AK";
    private static final String SK = "TestSecretKey0123456789abcdefghijklmnopq";

    @Test
    void signatureWhenPlainGetThenSameAsSdk() throws Exception {
        assertServerAgreesWithSdk(HttpRequest.newBuilder().withEndpoint("http://127.0.0.1:8080")
                .withPath("/v3.0/OS-USER/users/0123456789abcdef0123456789abcdef").withMethod(HttpMethod.GET)
                .addHeader("User-Agent", "huaweicloud-usdk-java/3.0").addHeader("X-Domain-Id", "d1").build());
    }

    @Test
    void signatureWhenQueryHasSpacesReservedAndNonAsciiCharactersThenSameAsSdk() throws Exception {
        assertServerAgreesWithSdk(HttpRequest.newBuilder().withEndpoint("http://127.0.0.1:8080")
                .withPath("/v3/users").withMethod(HttpMethod.GET)
                .addQueryParam("name", List.of("a b&c=d/e?f#g+h*i~j%k;l,m@n:o$p!q'(r)s[t]u é 中"))
                .addQueryParam("enabled", List.of("true"))
                .addQueryParam("domain_id", List.of("x y"))
                .addHeader("User-Agent", "huaweicloud-usdk-java/3.0").build());
    }

    @Test
    void signatureWhenParameterRepeatsThenValuesKeepTheirOrderAsInSdk() throws Exception {
        assertServerAgreesWithSdk(HttpRequest.newBuilder().withEndpoint("http://127.0.0.1:8080")
                .withPath("/v3/users").withMethod(HttpMethod.GET)
                .addQueryParam("b", List.of("2", "1")).addQueryParam("a", List.of("z"))
                .build());
    }

    @Test
    void signatureWhenPutWithBodyThenPayloadHashIsTheBodysAsInSdk() throws Exception {
        assertServerAgreesWithSdk(HttpRequest.newBuilder().withEndpoint("http://127.0.0.1:8080")
                .withPath("/v3.0/OS-USER/users/u1").withMethod(HttpMethod.PUT)
                .withContentType("application/json;charset=UTF-8")
                .withBodyAsString("{\"user\":{\"name\":\"alice\",\"enabled\":true,\"description\":\"é\"}}")
                .addHeader("X-Domain-Id", "d1").build());
    }

    @Test
    void signatureWhenRootPathThenUriStaysSlashAsInSdk() throws Exception {
        assertServerAgreesWithSdk(HttpRequest.newBuilder().withEndpoint("http://127.0.0.1:8080").withPath("/")
                .withMethod(HttpMethod.GET).build());
    }

    @Test
    void uriWhenPathSegmentIsPercentEncodedThenEncodedAgainAndEndsWithSlash() {
        assertThat(CanonicalRequest.uri("/v3.0/OS-USER/users/u1")).isEqualTo("/v3.0/OS-USER/users/u1/");
        assertThat(CanonicalRequest.uri("/a%20b/c~d*e")).isEqualTo("/a%2520b/c~d%2Ae/");
        assertThat(CanonicalRequest.uri("/")).isEqualTo("/");
    }

    @Test
    void queryWhenEscapeMalformedThenNull() {
        assertThat(CanonicalRequest.query("name=%zz")).isNull();
        assertThat(CanonicalRequest.query("b=2&a=1&flag")).isEqualTo("a=1&b=2&flag=");
    }

    private static void assertServerAgreesWithSdk(HttpRequest request) throws Exception {
        Map<String, String> added = AKSKSigner.getInstance().sign(request, new GlobalCredentials().withAk(AK).withSk(SK));
        URL url = request.getUrl();
        Map<String, String> sent = new HashMap<>();
        request.getHeaders().forEach((name, values) -> sent.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        added.forEach((name, value) -> sent.put(name.toLowerCase(Locale.ROOT), value));
        sent.putIfAbsent("host", url.getAuthority());

        AkskAuthorization authorization = AkskAuthorization.parse(sent.get("authorization"));
        byte[] body = request.getBodyAsString() == null ? new byte[0]
                : request.getBodyAsString().getBytes(StandardCharsets.UTF_8);
        String canonical = CanonicalRequest.of(request.getMethod().name(), url.getPath(), url.getQuery(),
                authorization, sent::get, body.length == 0 ? CanonicalRequest.EMPTY_PAYLOAD_HASH
                        : CanonicalRequest.sha256Hex(body));
        String stringToSign = CanonicalRequest.stringToSign(sent.get("x-sdk-date"), canonical);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SK.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

        assertThat(authorization.accessKey()).isEqualTo(AK);
        assertThat(signature).as("canonical request:\n%s", canonical).isEqualTo(authorization.signature());
    }
}
