package io.gatehouse.mfa;

import io.gatehouse.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a user something by email and/or SMS, through the channels that carry verification codes (the
 * same SMTP server and SMS gateway, the same destinations). For other features' notices, such as
 * risk events; a notice never carries a code.
 */
@Component
public class UserNotifier {

    /** How a notice went out: each requested channel is {@code sent}, {@code failed} or {@code no_destination}. */
    public record Outcome(String email, String sms) {

        /** One word for the record of the notice: sent, partly sent, failed or no destination. */
        public String summary() {
            boolean anySent = "sent".equals(email) || "sent".equals(sms);
            boolean anyFailed = "failed".equals(email) || "failed".equals(sms);
            if (anySent) {
                return anyFailed || "no_destination".equals(email) || "no_destination".equals(sms) ? "partial" : "sent";
            }
            return anyFailed ? "failed" : "no_destination";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(UserNotifier.class);
    private static final String SENT = "sent";
    private static final String FAILED = "failed";
    private static final String NO_DESTINATION = "no_destination";

    private final EmailCodeSender email;
    private final SmsCodeSender sms;

    UserNotifier(EmailCodeSender email, SmsCodeSender sms) {
        this.email = email;
        this.sms = sms;
    }

    /** Sends {@code text} by the channels asked for; a channel not asked for is null in the outcome. */
    public Outcome notify(User user, boolean byEmail, boolean bySms, String subject, String text) {
        String emailed = byEmail ? send(user, VerificationMethod.EMAIL, subject, text) : null;
        String texted = bySms ? send(user, VerificationMethod.SMS, subject, text) : null;
        return new Outcome(emailed, texted);
    }

    private String send(User user, VerificationMethod channel, String subject, String text) {
        String destination = VerificationCodeService.destination(user, channel);
        if (destination == null) {
            return NO_DESTINATION;
        }
        try {
            if (channel == VerificationMethod.EMAIL) {
                email.sendText(destination, subject, text);
            } else {
                sms.sendText(destination, text);
            }
            return SENT;
        } catch (RuntimeException e) {
            log.warn("Could not notify user {} by {}: {}", user.id(), channel.wire(),
                    e instanceof VerificationCodeDeliveryException ? e.getMessage() : EmailCodeSender.rootCause(e));
            return FAILED;
        }
    }
}
