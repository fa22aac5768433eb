package io.gatehouse.credential;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The string an SDK-HMAC-SHA256 signature covers, rebuilt from the request as received, exactly as the
 * Huawei SDK's {@code AKSKSigner} (huaweicloud-sdk-core 3.1.192) builds it before sending:
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed header names \n payload hash
 * </pre>
 * <ul>
 * <li>URI: every segment of the path as sent (still percent-encoded) is URL-encoded again, and each is
 *     followed by {@code /}, so the result ends with {@code /}; the path {@code /} stays {@code /}.</li>
 * <li>Query: parameters decoded, then names and values URL-encoded, sorted by encoded name (values keep
 *     their order), {@code k=v} joined with {@code &}; empty without a query.</li>
 * <li>Headers: {@code name:value\n} for each signed header, in the order the Authorization header lists
 *     them.</li>
 * </ul>
 * URL encoding is the SDK's: {@link URLEncoder} in UTF-8, then {@code +} becomes {@code %20}, {@code *}
 * becomes {@code %2A} and {@code %7E} becomes {@code ~}.
 */
final class CanonicalRequest {

    static final String EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private CanonicalRequest() {
    }

    /**
     * @param header a signed header's value by its lower-case name, or null when the request lacks it
     * @return null when a signed header is missing or the query cannot be decoded: nothing can verify
     */
    static String of(String method, String rawPath, String rawQuery, AkskAuthorization authorization,
            UnaryOperator<String> header, String payloadHash) {
        String query = query(rawQuery);
        if (query == null) {
            return null;
        }
        StringBuilder headers = new StringBuilder();
        for (String name : authorization.signedHeaders()) {
            String value = header.apply(name);
            if (value == null) {
                return null;
            }
            headers.append(name).append(':').append(value).append('\n');
        }
        return String.join("\n", method, uri(rawPath), query, headers, authorization.signedHeaderNames(),
                payloadHash);
    }

    static String stringToSign(String sdkDate, String canonicalRequest) {
        return String.join("\n", AkskAuthorization.ALGORITHM, sdkDate,
                sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    static String uri(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder uri = new StringBuilder();
        // String.split drops trailing empty segments, as the SDK's does.
        for (String segment : rawPath.split("/")) {
            uri.append(encode(segment)).append('/');
        }
        return uri.toString();
    }

    /** The sorted, encoded query; null when a part is not valid percent-encoding. */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            try {
                decoded.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                return null;
            }
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        decoded.forEach((name, values) -> sorted.put(encode(name), values.stream().map(CanonicalRequest::encode)
                .toList()));
        StringBuilder query = new StringBuilder();
        sorted.forEach((name, values) -> {
            for (String value : values) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value);
            }
        });
        return query.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
