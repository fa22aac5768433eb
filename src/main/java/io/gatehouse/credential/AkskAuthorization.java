package io.gatehouse.credential;

import io.gatehouse.common.error.IamError;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authorization} header of a request signed the way the Huawei SDK signs:
 * {@code SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<hex>}.
 */
record AkskAuthorization(String accessKey, List<String> signedHeaders, String signedHeaderNames, String signature) {

    static final String ALGORITHM = "SDK-HMAC-SHA256";

    /** Whether the header claims this scheme at all; then the request is the signature's to decide. */
    static boolean claims(String header) {
        return header != null && header.regionMatches(true, 0, ALGORITHM + " ", 0, ALGORITHM.length() + 1);
    }

    /** @throws io.gatehouse.common.error.ApiException 401 when a part is missing or malformed */
    static AkskAuthorization parse(String header) {
        String accessKey = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw malformed();
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (name) {
                case "Access" -> accessKey = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> throw malformed();
            }
        }
        if (accessKey == null || accessKey.isEmpty() || signedHeaders == null || signedHeaders.isEmpty()
                || signature == null || !signature.matches("[0-9a-fA-F]{64}")) {
            throw malformed();
        }
        List<String> headers = List.of(signedHeaders.split(";"));
        if (headers.stream().anyMatch(h -> h.isEmpty() || !h.equals(h.toLowerCase(Locale.ROOT)))) {
            throw malformed();
        }
        return new AkskAuthorization(accessKey, headers, signedHeaders, signature.toLowerCase(Locale.ROOT));
    }

    private static RuntimeException malformed() {
        return IamError.SIGNATURE_REFUSED.exception("the Authorization header must read " + ALGORITHM
                + " Access=<access key>, SignedHeaders=<lower-case names separated by ;>, Signature=<64 hex digits>");
    }
}
