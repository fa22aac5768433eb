package io.gatehouse.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.access.AccessDecider;
import io.gatehouse.access.AccessService;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountService;
import io.gatehouse.account.Project;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.Ids;
import io.gatehouse.common.cluster.ChangeFeed;
import io.gatehouse.common.cluster.ChangeKind;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, checks and revokes tokens. Checking a token is a signature check (skipped for a token this
 * node has verified before), an expiry check and a look at the in-memory revocation view: no database.
 */
@Service
public class TokenService {

    private static final String REVOKE = "iam:tokens:revokeToken";

    private final PasswordSignIn passwords;
    private final AccountService accounts;
    private final UserService users;
    private final AccessService access;
    private final AccessDecider decider;
    private final TokenCodec codec;
    private final RevocationList revocations;
    private final OperationLog operations;
    private final ChangeFeed changes;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, TokenClaims> verified = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(15)).build();

    TokenService(PasswordSignIn passwords, AccountService accounts, UserService users, AccessService access, AccessDecider decider,
            TokenCodec codec, RevocationList revocations, OperationLog operations, ChangeFeed changes,
            JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
            @Value("${gatehouse.token.lifetime:24h}") Duration lifetime) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.users = users;
        this.access = access;
        this.decider = decider;
        this.codec = codec;
        this.revocations = revocations;
        this.operations = operations;
        this.changes = changes;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record IssuedToken(String token, TokenClaims claims) {
    }

    public IssuedToken issue(SignInRequest request, ClientInfo client) {
        SignInAttempt attempt = passwords.authenticate(request, client);
        User user = attempt.user();
        Account account = accounts.find(user.domainId()).orElseThrow();
        Optional<Project> project = resolveScope(request.scope(), account);
        if (project.isEmpty() && request.scope() != null && request.scope().isProject()
                || project.isEmpty() && !isOwnDomain(request.scope(), account)) {
            throw passwords.failed(attempt, "scope", new ApiException(IamError.AUTHENTICATION_REQUIRED,
                    "The requested scope is not available to this user."));
        }
        Instant now = WireTime.truncate(clock.instant());
        String projectId = project.map(Project::id).orElse(null);
        TokenClaims claims = new TokenClaims(Ids.newId(), user.id(), user.name(), account.id(), account.name(),
                projectId, project.map(Project::name).orElse(null), List.copyOf(request.methods()),
                access.rolesOn(user.id(), account.id(), projectId), now, now.plus(lifetime),
                user.passwordExpiresAt());
        String token = codec.encode(claims);
        String upgradedHash = users.upgradedHash(user, request.password());
        // One commit for the sign-in's own writes: the user's last sign-in and the sign-in event.
        tx.executeWithoutResult(status -> {
            users.recordSignIn(user, projectId, upgradedHash);
            passwords.succeeded(attempt);
        });
        return new IssuedToken(token, claims);
    }

    /** The claims of the caller's own token; 401 when it is malformed, forged, expired or revoked. */
    public TokenClaims authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw IamError.AUTHENTICATION_REQUIRED.exception();
        }
        TokenClaims claims = verify(token).orElseThrow(IamError.INVALID_TOKEN::exception);
        if (!claims.expiresAt().isAfter(clock.instant())) {
            throw IamError.TOKEN_EXPIRED.exception();
        }
        if (revocations.isRevoked(claims)) {
            throw IamError.INVALID_TOKEN.exception();
        }
        return claims;
    }

    /**
     * Whether a credential issued to {@code userId} at {@code issuedAt} is revoked: by a password change,
     * disable or delete of the user since, or, when it was derived from token {@code tokenId} (null if
     * not), by that token's revocation. Temporary access keys ask this; it reads no database.
     */
    public boolean isRevoked(String tokenId, String userId, Instant issuedAt) {
        return revocations.isRevoked(tokenId, userId, issuedAt);
    }

    /** The claims of a token another request asks about; 404 for anything not a live token of the caller's account. */
    public TokenClaims inspect(Caller caller, String subjectToken) {
        if (subjectToken == null || subjectToken.isBlank()) {
            throw IamError.INVALID_SUBJECT_TOKEN.exception();
        }
        return verify(subjectToken)
                .filter(c -> c.domainId().equals(caller.domainId()))
                .filter(c -> c.expiresAt().isAfter(clock.instant()))
                .filter(c -> !revocations.isRevoked(c))
                .orElseThrow(() -> new ApiException(IamError.NOT_FOUND, "Could not find token."));
    }

    /** Revokes a token: the caller's own, or any of its account when its policies allow revokeToken. */
    public void revoke(Caller caller, String subjectToken) {
        TokenClaims target = inspect(caller, subjectToken);
        if (!target.userId().equals(caller.userId()) && !decider.allows(caller, REVOKE)) {
            throw IamError.POLICY_DENIED.exception(REVOKE);
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO revoked_token (token_id, user_id, expires_at, revoked_at) "
                    + "VALUES (:id, :userId, :expiresAt, :now)")
                    .param("id", target.tokenId()).param("userId", target.userId())
                    .param("expiresAt", WireTime.toSql(target.expiresAt()))
                    .param("now", WireTime.toSql(WireTime.truncate(clock.instant()))).update();
            changes.publish(ChangeKind.TOKEN_REVOKED, target.tokenId() + ":" + target.expiresAt().toEpochMilli());
            operations.success(caller, "iam:tokens:revokeToken", "token", target.tokenId());
        });
    }

    private Optional<TokenClaims> verify(String token) {
        TokenClaims cached = verified.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<TokenClaims> claims = codec.decode(token);
        claims.ifPresent(c -> verified.put(token, c));
        return claims;
    }

    /** The enabled project a project scope names within the user's account; empty otherwise. */
    private Optional<Project> resolveScope(SignInRequest.Scope scope, Account account) {
        if (scope == null || !scope.isProject()) {
            return Optional.empty();
        }
        if (scope.projectDomainId() != null && !scope.projectDomainId().equals(account.id())
                || scope.projectDomainName() != null && !scope.projectDomainName().equals(account.name())) {
            return Optional.empty();
        }
        Optional<Project> project = scope.projectId() != null ? accounts.findProject(account.id(), scope.projectId())
                : accounts.findProjectByName(account.id(), scope.projectName());
        return project.filter(Project::enabled);
    }

    /** A domain scope (or none) must name the user's own account; another account looks like a missing one. */
    private static boolean isOwnDomain(SignInRequest.Scope scope, Account account) {
        if (scope == null || scope.isProject()) {
            return true;
        }
        return scope.domainId() != null ? scope.domainId().equals(account.id())
                : account.name().equals(scope.domainName());
    }
}
