package io.gatehouse.mfa;

import io.gatehouse.common.web.ClientInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * One code to deliver, with what the recipient needs to judge it: whose sign-in, from where, when.
 * {@code toString} leaves the code out, so the message can never reach a log by accident.
 */
record VerificationCodeMessage(String code, String destination, String userName, String accountName,
        ClientInfo client, Instant startedAt, Duration lifetime) {

    long minutes() {
        return lifetime.toMinutes();
    }

    @Override
    public String toString() {
        return "VerificationCodeMessage[user=" + userName + ", account=" + accountName + "]";
    }
}
