package io.gatehouse.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Verifies Ed25519 JWS signatures ({@code alg: EdDSA}) through Bouncy Castle; see {@link Ed25519JwsSigner}. */
final class Ed25519JwsVerifier extends BaseJWSProvider implements JWSVerifier {

    private final Ed25519PublicKeyParameters publicKey;

    Ed25519JwsVerifier(OctetKeyPair key) throws JOSEException {
        super(Set.of(JWSAlgorithm.EdDSA));
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new JOSEException("An Ed25519 public key is required, not " + key.getCurve());
        }
        this.publicKey = new Ed25519PublicKeyParameters(key.getDecodedX(), 0);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        byte[] sig = signature.decode();
        return JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && sig.length == Ed25519.SIGNATURE_SIZE
                && publicKey.verify(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, sig, 0);
    }
}
