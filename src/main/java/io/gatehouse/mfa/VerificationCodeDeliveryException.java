package io.gatehouse.mfa;

/** A code could not be handed to the mail server or the SMS gateway. The message never holds the code. */
class VerificationCodeDeliveryException extends RuntimeException {

    VerificationCodeDeliveryException(String message) {
        super(message, null, false, false);
    }

    VerificationCodeDeliveryException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
