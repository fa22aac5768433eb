package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testsupport.Api;
import io.gatehouse.testsupport.Fixtures;
import io.gatehouse.testsupport.Fixtures.TestAccount;
import io.gatehouse.testsupport.Fixtures.TestUser;
import io.gatehouse.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.gatehouse.common.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class TokenIT extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    TokenCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.gatehouse.testsupport.Grants grants;

    @Test
    void issueWhenPasswordRightThenCreatedWithSubjectTokenHeaderAndKeystoneBody() throws Exception {
        TestAccount account = fixtures.newAccount();
        Api.Response r = fixtures.signIn(account.name(), "owner", Fixtures.OWNER_PASSWORD);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.raw().headers().map().keySet()).anyMatch(name -> name.equalsIgnoreCase("X-Subject-Token"));
        assertThat(r.header("X-Subject-Token")).isNotBlank();
        assertThat(r.header("X-Request-Id")).matches("[0-9a-f]{32}");
        JsonNode token = r.json().get("token");
        assertThat(token.get("methods").get(0).asString()).isEqualTo("password");
        assertThat(token.get("expires_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(token.get("issued_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(token.get("user").get("id").asString()).isEqualTo(account.ownerId());
        assertThat(token.get("user").get("name").asString()).isEqualTo("owner");
        assertThat(token.get("user").get("domain").get("id").asString()).isEqualTo(account.id());
        assertThat(token.get("user").has("password_expires_at")).isTrue();
        assertThat(token.get("domain").get("name").asString()).isEqualTo(account.name());
        assertThat(token.get("roles").get(0).get("name").asString()).isEqualTo("system_all_0"); // FullAccess, which the admin group holds
        assertThat(token.get("catalog").isArray()).isTrue();
        assertThat(com.nimbusds.jwt.SignedJWT.parse(r.header("X-Subject-Token")).getHeader().getAlgorithm().getName())
                .isEqualTo("EdDSA");
    }

    @Test
    void tokenWhenVerifiedOfflineWithThePublishedKeyThenSignatureHolds() throws Exception {
        TestAccount account = fixtures.newAccount();
        var jwt = com.nimbusds.jwt.SignedJWT.parse(account.adminToken());
        var published = com.nimbusds.jose.jwk.JWKSet.parse(api.get("/gatehouse/v1/jwks", null).text());
        var key = (com.nimbusds.jose.jwk.OctetKeyPair) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        // The JDK's own Ed25519 checks it, independent of the Bouncy Castle code that signed: the raw key
        // goes into an X.509 SubjectPublicKeyInfo (RFC 8410 prefix).
        byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] spki = java.util.Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(key.getDecodedX(), 0, spki, prefix.length, 32);
        var publicKey = java.security.KeyFactory.getInstance("Ed25519", "SunEC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
        var verifier = java.security.Signature.getInstance("Ed25519", "SunEC");
        verifier.initVerify(publicKey);
        verifier.update(jwt.getSigningInput());

        assertThat(key.getCurve()).isEqualTo(com.nimbusds.jose.jwk.Curve.Ed25519);
        assertThat(key.isPrivate()).isFalse();
        assertThat(verifier.verify(jwt.getSignature().decode())).isTrue();
    }

    @Test
    void issueWhenUserNamedByIdAndProjectScopedThenProjectInBody() {
        TestAccount account = fixtures.newAccount();
        Api.Response r = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user",
                        Map.of("id", account.ownerId(), "password", Fixtures.OWNER_PASSWORD))),
                "scope", Map.of("project", Map.of("name", "gh-region-1",
                        "domain", Map.of("id", account.id()))))));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode token = r.json().get("token");
        assertThat(token.get("project").get("name").asString()).isEqualTo("gh-region-1");
        assertThat(token.get("project").get("domain").get("id").asString()).isEqualTo(account.id());
        assertThat(token.has("domain")).isFalse();
    }

    @Test
    void issueWhenUnknownUserOrWrongPasswordThenSameAnswerAndSameWork() {
        TestAccount account = fixtures.newAccount();
        double before = hashCount();
        Api.Response wrongPassword = fixtures.signIn(account.name(), "owner", "Wrong-Pass-1234");
        double afterWrong = hashCount();
        Api.Response unknownUser = fixtures.signIn(account.name(), "nobody-" + Fixtures.unique(), "Wrong-Pass-1234");
        double afterUnknown = hashCount();
        Api.Response unknownAccount = fixtures.signIn("no-such-account-" + Fixtures.unique(), "owner", "Wrong-Pass-1234");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownAccount.status()).isEqualTo(401);
        assertThat(unknownUser.text()).isEqualTo(wrongPassword.text());
        assertThat(unknownAccount.text()).isEqualTo(wrongPassword.text());
        // One Argon2 verification either way: an unknown user is checked against a decoy hash.
        assertThat(afterWrong - before).isEqualTo(1);
        assertThat(afterUnknown - afterWrong).isEqualTo(1);
    }

    @Test
    void validateWhenTokenLiveThenSameBodyAndHeaderEchoed() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String subject = fixtures.token(user);

        Api.Response r = api.call("GET", "/v3/auth/tokens").token(account.adminToken())
                .header("X-Subject-Token", subject).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Subject-Token")).isEqualTo(subject);
        assertThat(r.json().get("token").get("user").get("id").asString()).isEqualTo(user.id());
        assertThat(api.call("HEAD", "/v3/auth/tokens").token(account.adminToken()).header("X-Subject-Token", subject)
                .send().status()).isEqualTo(200);
    }

    @Test
    void revokeWhenAnotherUsersTokenThenWhatTheCallersPoliciesAllow() {
        TestAccount account = fixtures.newAccount();
        TestUser target = fixtures.newUser(account);
        TestUser reader = fixtures.newUser(account);
        TestUser security = fixtures.newUser(account);
        grants.onAccount(reader, io.gatehouse.testsupport.Grants.IAM_READ_ONLY_ACCESS);
        // A custom policy that allows this one action and nothing else: no administrator, yet allowed.
        grants.onAccount(security, io.gatehouse.access.CustomPolicyIT.create(api, account, "Revoke tokens",
                io.gatehouse.access.CustomPolicyIT.policy(io.gatehouse.access.CustomPolicyIT.statement("Allow",
                        "iam:tokens:revokeToken"))));
        String token = fixtures.token(target);

        Api.Response byReader = api.call("DELETE", "/v3/auth/tokens").token(fixtures.token(reader))
                .header("X-Subject-Token", token).send();
        assertThat(byReader.status()).isEqualTo(403);
        assertThat(byReader.errorCode()).isEqualTo("IAM.0003");
        assertThat(byReader.text()).contains("iam:tokens:revokeToken");
        assertThat(api.get("/v3.0/OS-USER/users/" + target.id(), token).status()).isEqualTo(200);

        Api.Response byGranted = api.call("DELETE", "/v3/auth/tokens").token(fixtures.token(security))
                .header("X-Subject-Token", token).send();
        assertThat(byGranted.status()).isEqualTo(204);
        assertThat(api.get("/v3.0/OS-USER/users/" + target.id(), token).status()).isEqualTo(401);
    }

    @Test
    void revokeWhenDeletedThenTokenStopsWorkingAtOnce() {
        TestAccount account = fixtures.newAccount();
        TestUser user = fixtures.newUser(account);
        String token = fixtures.token(user);
        assertThat(api.get("/v3.0/OS-USER/users/" + user.id(), token).status()).isEqualTo(200);

        Api.Response revoke = api.call("DELETE", "/v3/auth/tokens").token(token).header("X-Subject-Token", token).send();

        assertThat(revoke.status()).isEqualTo(204);
        Api.Response after = api.get("/v3.0/OS-USER/users/" + user.id(), token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("IAM.0067");
        assertThat(api.call("HEAD", "/v3/auth/tokens").token(account.adminToken()).header("X-Subject-Token", token)
                .send().status()).isEqualTo(404);
    }

    @Test
    void useWhenTokenExpiredThen401TokenExpired() {
        TestAccount account = fixtures.newAccount();
        Instant past = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);
        String expired = codec.encode(new TokenClaims(Ids.newId(), account.ownerId(), "owner", account.id(),
                account.name(), null, null, List.of("password"), List.of(), past, past.plus(Duration.ofDays(1)), null));

        Api.Response r = api.get("/v3/users", expired);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("IAM.0066");
        assertThat(api.call("GET", "/v3/auth/tokens").token(account.adminToken()).header("X-Subject-Token", expired)
                .send().status()).isEqualTo(404);
    }

    @Test
    void useWhenSignedByAnotherKeyThen401InvalidToken() throws Exception {
        TestAccount account = fixtures.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String kid = com.nimbusds.jwt.SignedJWT.parse(account.adminToken()).getHeader().getKeyID();
        var foreignKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID(kid)
                .generate();
        var claims = com.nimbusds.jwt.SignedJWT.parse(account.adminToken()).getJWTClaimsSet();
        var forged = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.ES256).keyID(kid).build(), claims);
        forged.sign(new com.nimbusds.jose.crypto.ECDSASigner(foreignKey));
        // A header naming another algorithm, with a secret an attacker might guess, fails too.
        var hmac = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.HS256).keyID(kid).build(), claims);
        hmac.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));

        // The same claims signed by an Ed25519 key that is not Gatehouse's, under Gatehouse's key id.
        var foreignEd25519 = new com.nimbusds.jose.jwk.OctetKeyPair.Builder(com.nimbusds.jose.jwk.Curve.Ed25519,
                com.nimbusds.jose.util.Base64URL.encode(new byte[32])).d(com.nimbusds.jose.util.Base64URL.encode(
                        new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(new java.security.SecureRandom())
                                .getEncoded())).build();
        var forgedEd = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.EdDSA).keyID(kid).build(), claims);
        forgedEd.sign(new Ed25519JwsSigner(foreignEd25519));

        Api.Response r = api.get("/v3/users", forged.serialize());
        Api.Response confused = api.get("/v3/users", hmac.serialize());
        Api.Response forgedEdResponse = api.get("/v3/users", forgedEd.serialize());
        assertThat(forgedEdResponse.status()).isEqualTo(401);
        assertThat(forgedEdResponse.errorCode()).isEqualTo("IAM.0067");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("IAM.0067");
        assertThat(confused.status()).isEqualTo(401);
        assertThat(now).isNotNull();
    }

    @Test
    void issueWhenScopeNamesAnotherAccountThen401() {
        TestAccount account = fixtures.newAccount();
        TestAccount other = fixtures.newAccount();
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of("name", "owner",
                        "password", Fixtures.OWNER_PASSWORD, "domain", Map.of("name", account.name())))),
                "scope", Map.of("domain", Map.of("id", other.id()))));

        Api.Response r = api.post("/v3/auth/tokens", null, body);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("X-Subject-Token")).isNull();
    }

    @Test
    void issueWhenMethodsMissingOrUnsupportedThen400() {
        Api.Response none = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of("identity", Map.of())));
        Api.Response totp = api.post("/v3/auth/tokens", null, Map.of("auth", Map.of("identity",
                Map.of("methods", List.of("password", " totp")))));
        Api.Response malformed = api.post("/v3/auth/tokens", null, "{\"auth\":");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").get("code").asInt()).isEqualTo(400);
        assertThat(totp.status()).isEqualTo(400);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("title").asString()).isEqualTo("Bad Request");
    }

    @Test
    void issueWhenSignInsHappenThenSignInEventsRecordThem() {
        TestAccount account = fixtures.newAccount();
        fixtures.signIn(account.name(), "owner", "Wrong-Pass-1234");
        String ghost = "ghost-" + Fixtures.unique();
        fixtures.signIn(account.name(), ghost, "Wrong-Pass-1234");

        List<Map<String, Object>> events = jdbc.sql("SELECT * FROM signin_event WHERE domain_id = :d OR attempted_name = :g "
                + "ORDER BY id").param("d", account.id()).param("g", ghost).query().listOfRows();

        assertThat(events).extracting(e -> e.get("result") + "/" + e.get("cause"))
                .containsExactly("success/null", "failure/wrong_password", "failure/unknown_user");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("source_ip")).isEqualTo("127.0.0.1");
            assertThat(e.get("method")).isEqualTo("password");
            assertThat(e.get("channel")).isEqualTo("api");
            assertThat(e.get("request_id").toString()).matches("[0-9a-f]{32}");
        });
        assertThat(events.get(2).get("user_id")).isNull();
        assertThat(events.get(2).get("attempted_name")).isEqualTo(ghost);
    }

    private double hashCount() {
        return meters.get("gatehouse.password.hash").timer().count();
    }
}
