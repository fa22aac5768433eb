package io.gatehouse.testsupport;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw requests signed with an access key by the official SDK's own signer ({@code AKSKSigner} of
 * huaweicloud-sdk-core), sent with the tests' {@link Api}: for the cases the SDK's clients cannot make
 * (a tampered body, a chosen X-Sdk-Date, a header left out).
 */
public final class AkSk {

    private AkSk() {
    }

    /** An access key as a client holds it; {@code securityToken} only for a temporary one. */
    public record Key(String access, String secret, String securityToken) {
        public static Key permanent(String access, String secret) {
            return new Key(access, secret, null);
        }
    }

    /** A signed call: method, path with an optional query (as a client would write it, percent-encoded). */
    public static Api.Call signed(Api api, String method, String pathAndQuery, Object body, Key key) {
        return signed(api, method, pathAndQuery, body, key, Map.of());
    }

    /**
     * @param headers extra headers to sign and send; {@code X-Sdk-Date} among them replaces the current time
     */
    public static Api.Call signed(Api api, String method, String pathAndQuery, Object body, Key key,
            Map<String, String> headers) {
        URI uri = URI.create(api.base() + pathAndQuery);
        HttpRequest.HttpRequestBuilder b = HttpRequest.newBuilder().withEndpoint(api.base())
                .withPath(uri.getRawPath()).withMethod(HttpMethod.valueOf(method));
        decodeQuery(uri.getRawQuery()).forEach(b::addQueryParam);
        String json = body == null ? null : Api.toJson(body);
        if (json != null) {
            b.withContentType("application/json;charset=UTF-8").withBodyAsString(json);
        }
        headers.forEach(b::addHeader);
        if (key.securityToken() != null) {
            b.addHeader("X-Security-Token", key.securityToken());
        }
        HttpRequest request = b.build();
        Map<String, String> added = AKSKSigner.getInstance().sign(request,
                new GlobalCredentials().withAk(key.access()).withSk(key.secret()));
        Api.Call call = api.call(method, request.getUrl().getFile());
        request.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                call.header(name, values.get(0));
            }
        });
        // The HTTP client sends Host itself, with the same value (the URL's authority), which the signer signed.
        added.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                call.header(name, value);
            }
        });
        if (json != null) {
            call.json(json);
        }
        return call;
    }

    private static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return params;
    }
}
