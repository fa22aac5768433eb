package io.gatehouse.mfa;

import io.gatehouse.common.web.ClientInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * One code to deliver, with what the recipient needs to judge it: whose sign-in (or operation
 * verification), from where, when. {@code toString} leaves the code out, so the message can never reach
 * a log by accident.
 */
record VerificationCodeMessage(String code, String destination, String userName, String accountName,
        ClientInfo client, Instant startedAt, Duration lifetime, Purpose purpose) {

    /** What a code is for. A code is accepted only for the purpose it was sent for. */
    enum Purpose {
        /** The second step of a sign-in under login protection. */
        SIGN_IN("sign_in"),
        /** A verification that operation protection asks for before sensitive operations. */
        OPERATION("operation");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    long minutes() {
        return lifetime.toMinutes();
    }

    @Override
    public String toString() {
        return "VerificationCodeMessage[user=" + userName + ", account=" + accountName + ", purpose=" + purpose + "]";
    }
}
