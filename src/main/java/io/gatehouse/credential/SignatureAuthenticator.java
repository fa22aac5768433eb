package io.gatehouse.credential;

import io.gatehouse.auth.RequestAuthenticator;
import io.gatehouse.auth.TokenService;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Authenticates requests signed with an access key (SDK-HMAC-SHA256, {@link CanonicalRequest}), with
 * a permanent key or, when {@code X-Security-Token} is present, a temporary one. In order:
 * <ol>
 * <li>the Authorization header's form, a signed {@code host} and {@code X-Sdk-Date}, and that date within
 *     {@value #MAX_SKEW_MINUTES} minutes of the server's clock;</li>
 * <li>the key: a known permanent key, or a security token this server sealed for the access key named;</li>
 * <li>the signature, over the body as {@link SignedBodyFilter} kept it, compared in constant time;</li>
 * <li>only then what the signer could not otherwise learn: the key's status, a temporary key's expiry and
 *     revocation, the owner's state (disabled: {@code IAM.0080}, console only: {@code IAM.0081});</li>
 * <li>the scope: {@code X-Domain-Id} must be the key's account, {@code X-Project-Id} an enabled project
 *     of it.</li>
 * </ol>
 * Everything comes from caches ({@link AccessKeyDirectory}, {@link SecurityTokens}, the token revocation
 * view); a permanent key's use is only noted for {@link LastUseRecorder}.
 */
@Component
class SignatureAuthenticator implements RequestAuthenticator {

    static final String SECURITY_TOKEN_HEADER = "X-Security-Token";
    static final int MAX_SKEW_MINUTES = 15;
    private static final Duration MAX_SKEW = Duration.ofMinutes(MAX_SKEW_MINUTES);
    private static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String USED_KEY = SignatureAuthenticator.class.getName() + ".key";

    /** Which key authenticated a request: the temporary-key endpoint needs to know. */
    record UsedKey(String accessKey, TemporaryKey temporary) {
    }

    private final AccessKeyDirectory directory;
    private final SecurityTokens securityTokens;
    private final TokenService tokens;
    private final LastUseRecorder lastUse;
    private final Clock clock;

    SignatureAuthenticator(AccessKeyDirectory directory, SecurityTokens securityTokens, TokenService tokens,
            LastUseRecorder lastUse, Clock clock) {
        this.directory = directory;
        this.securityTokens = securityTokens;
        this.tokens = tokens;
        this.lastUse = lastUse;
        this.clock = clock;
    }

    /** The key that signed this request; null when it was not signed. */
    static UsedKey usedKey(HttpServletRequest request) {
        return (UsedKey) request.getAttribute(USED_KEY);
    }

    @Override
    public boolean recognizes(HttpServletRequest request) {
        return AkskAuthorization.claims(request.getHeader("Authorization"));
    }

    @Override
    public Caller authenticate(HttpServletRequest request) {
        AkskAuthorization authorization = AkskAuthorization.parse(request.getHeader("Authorization"));
        if (!authorization.signedHeaders().contains("host") || !authorization.signedHeaders().contains("x-sdk-date")) {
            throw IamError.SIGNATURE_REFUSED.exception("the signed headers must include host and x-sdk-date");
        }
        Instant now = clock.instant();
        String sdkDate = request.getHeader("X-Sdk-Date");
        requireFresh(sdkDate, now);

        String securityToken = request.getHeader(SECURITY_TOKEN_HEADER);
        TemporaryKey temporary = null;
        AccessKeyDirectory.Key permanent = null;
        SecretKeySpec secret;
        String userId;
        if (securityToken != null) {
            SecurityTokens.Opened opened = securityTokens.open(securityToken)
                    .filter(o -> o.key().accessKey().equals(authorization.accessKey()))
                    .orElseThrow(() -> IamError.SIGNATURE_REFUSED.exception(
                            "the securitytoken is invalid or does not belong to access key " + authorization.accessKey()));
            temporary = opened.key();
            secret = opened.secret();
            userId = temporary.userId();
        } else {
            permanent = directory.key(authorization.accessKey())
                    .orElseThrow(() -> IamError.ACCESS_KEY_UNKNOWN.exception(authorization.accessKey()));
            secret = permanent.secret();
            userId = permanent.userId();
        }

        verifySignature(request, authorization, sdkDate, secret);

        if (permanent != null && !permanent.active()) {
            throw IamError.ACCESS_KEY_INACTIVE.exception(permanent.accessKey());
        }
        if (temporary != null) {
            requireLive(temporary, now);
        }
        AccessKeyDirectory.Owner owner = directory.owner(userId).orElseThrow(() -> temporary(securityToken)
                ? revoked() : IamError.ACCESS_KEY_UNKNOWN.exception(authorization.accessKey()));
        if (!owner.enabled()) {
            throw IamError.ACCESS_KEY_USER_DISABLED.exception(owner.userId(), authorization.accessKey());
        }
        if (!owner.apiAccess()) {
            throw IamError.CONSOLE_ONLY_USER.exception();
        }
        String projectId = scope(request, owner);
        if (permanent != null) {
            lastUse.used(permanent.accessKey());
        }
        request.setAttribute(USED_KEY, new UsedKey(authorization.accessKey(), temporary));
        return new Caller(owner.userId(), owner.name(), owner.domainId(), owner.domainName(), projectId,
                authorization.accessKey(), temporary == null ? null : temporary.expiresAt(),
                RequestContext.client(request));
    }

    private static boolean temporary(String securityToken) {
        return securityToken != null;
    }

    private static void requireFresh(String sdkDate, Instant now) {
        Instant signedAt;
        try {
            signedAt = sdkDate == null ? null : Instant.from(SDK_DATE.parse(sdkDate));
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null) {
            throw IamError.SIGNATURE_REFUSED.exception("X-Sdk-Date must be the signing time as yyyyMMddTHHmmssZ");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw IamError.SIGNATURE_REFUSED.exception("the X-Sdk-Date " + sdkDate + " is more than "
                    + MAX_SKEW_MINUTES + " minutes away from the server's time; sign again with a correct clock");
        }
    }

    private void verifySignature(HttpServletRequest request, AkskAuthorization authorization, String sdkDate,
            SecretKeySpec secret) {
        byte[] body = SignedBodyFilter.body(request);
        if (body == null) {
            // The body was not kept, so it cannot be covered: refuse rather than sign it off unread.
            throw IamError.SIGNATURE_MISMATCH.exception();
        }
        String payloadHash = payloadHash(request.getHeader(CONTENT_SHA256_HEADER), body);
        String canonical = CanonicalRequest.of(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                authorization, request::getHeader, payloadHash);
        if (canonical == null) {
            throw IamError.SIGNATURE_MISMATCH.exception();
        }
        String expected = hmacHex(secret, CanonicalRequest.stringToSign(sdkDate, canonical));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw IamError.SIGNATURE_MISMATCH.exception();
        }
    }

    /**
     * The SDK signs the value of {@code X-Sdk-Content-Sha256} in place of the body's hash when it sends
     * one. A hash there must also be the body's, or the signature would cover a body other than the one
     * received; {@code UNSIGNED-PAYLOAD} is accepted only for an empty body, so no body ever goes unsigned.
     */
    private static String payloadHash(String declared, byte[] body) {
        String actual = body.length == 0 ? CanonicalRequest.EMPTY_PAYLOAD_HASH : CanonicalRequest.sha256Hex(body);
        if (declared == null) {
            return actual;
        }
        if (declared.equals(UNSIGNED_PAYLOAD) ? body.length > 0 : !declared.toLowerCase(Locale.ROOT).equals(actual)) {
            throw IamError.SIGNATURE_REFUSED.exception("X-Sdk-Content-Sha256 must be the body's SHA-256 "
                    + "(UNSIGNED-PAYLOAD only for a request without a body)");
        }
        return declared;
    }

    private static String hmacHex(SecretKeySpec secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Expired; revoked with its user or its token; or its permanent parent key gone or inactive. */
    private void requireLive(TemporaryKey key, Instant now) {
        if (!key.expiresAt().isAfter(now)) {
            throw IamError.SECURITY_TOKEN_EXPIRED.exception();
        }
        if (tokens.isRevoked(key.tokenId(), key.userId(), key.issuedAt())) {
            throw revoked();
        }
        if (key.parentAccessKey() != null) {
            Optional<AccessKeyDirectory.Key> parent = directory.key(key.parentAccessKey());
            if (parent.isEmpty() || !parent.get().active()) {
                throw revoked();
            }
        }
    }

    private static ApiException revoked() {
        return IamError.SIGNATURE_REFUSED.exception("the securitytoken has been revoked: its user's password was "
                + "changed, or the user was disabled or deleted, or the token or access key it came from is no "
                + "longer valid");
    }

    /** X-Domain-Id must be the key's own account; X-Project-Id, if sent, an enabled project of it. */
    private String scope(HttpServletRequest request, AccessKeyDirectory.Owner owner) {
        String domainId = request.getHeader("X-Domain-Id");
        if (domainId != null && !domainId.equals(owner.domainId())) {
            throw new ApiException(IamError.AUTHENTICATION_REQUIRED,
                    "X-Domain-Id does not name the account of the access key.");
        }
        String projectId = request.getHeader("X-Project-Id");
        if (projectId == null) {
            return null;
        }
        if (!directory.projectEnabled(owner.domainId(), projectId)) {
            throw new ApiException(IamError.AUTHENTICATION_REQUIRED,
                    "X-Project-Id does not name an enabled project of the access key's account.");
        }
        return projectId;
    }
}
