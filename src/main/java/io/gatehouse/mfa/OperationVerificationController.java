package io.gatehouse.mfa;

import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.common.web.RequiresAction;
import io.gatehouse.common.web.RequiresAction.Allow;
import io.gatehouse.security.OperationProtectionService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /gatehouse/v1/operation-verifications}: the caller proves a second factor, so that its
 * token may perform protected operations for 15 minutes while the account's operation protection is
 * on. 201 with the verification; 202 with a {@code verification} id when a code was sent by email or
 * SMS, to be sent back with the code.
 */
@RestController
class OperationVerificationController {

    private final OperationVerificationService service;

    OperationVerificationController(OperationVerificationService service) {
        this.service = service;
    }

    record ProofIn(String passcode, String verificationId, String code) {
        @Override
        public String toString() {
            return "ProofIn[verificationId=" + verificationId + "]";
        }
    }

    record Body(ProofIn operationVerification) {
    }

    record VerifiedView(String userId, String method, String verifiedAt, String expiresAt) {
    }

    record VerifiedOut(VerifiedView operationVerification) {
    }

    @PostMapping("/gatehouse/v1/operation-verifications")
    @RequiresAction(value = OperationProtectionService.VERIFY_ACTION, resource = OperationProtectionService.RESOURCE,
            allow = Allow.AUTHENTICATED)
    ResponseEntity<?> verify(Caller caller, @RequestBody(required = false) Body body) {
        ProofIn in = body == null || body.operationVerification() == null ? null : body.operationVerification();
        OperationVerificationService.Proof proof = in == null ? OperationVerificationService.Proof.EMPTY
                : new OperationVerificationService.Proof(in.passcode(), in.verificationId(), in.code());
        OperationVerificationService.Outcome outcome = service.verify(caller, proof);
        if (outcome instanceof OperationVerificationService.CodeSent c) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Map.of("verification", VerificationCodeService.view(c.sent())));
        }
        OperationProtectionService.Verification v = ((OperationVerificationService.Verified) outcome).verification();
        return ResponseEntity.status(HttpStatus.CREATED).body(new VerifiedOut(new VerifiedView(v.userId(), v.method(),
                WireTime.token(v.verifiedAt()), WireTime.token(v.expiresAt()))));
    }
}
