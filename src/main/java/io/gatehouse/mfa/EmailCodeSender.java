package io.gatehouse.mfa;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends verification codes (sign-in and operation verification) by email through Spring's {@link JavaMailSender}, which Spring Boot configures
 * from {@code spring.mail.*} (mapped from {@code GATEHOUSE_SMTP_*}). The text says what the code is
 * for (a sign-in or an operation), from which address and client, and when, so that an unexpected code
 * tells its reader that someone else holds the password or the session.
 */
@Component
class EmailCodeSender {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ObjectProvider<JavaMailSender> mail;
    private final String host;
    private final String from;

    EmailCodeSender(ObjectProvider<JavaMailSender> mail, @Value("${spring.mail.host:}") String host,
            @Value("${gatehouse.smtp.from:}") String from) {
        this.mail = mail;
        this.host = host == null ? "" : host.trim();
        this.from = from == null ? "" : from.trim();
    }

    void send(VerificationCodeMessage message) {
        sendText(message.destination(), subject(message), text(message));
    }

    /** Sends a plain-text mail; also the channel of {@link UserNotifier}. */
    void sendText(String to, String subject, String text) {
        JavaMailSender sender = mail.getIfAvailable();
        if (host.isEmpty() || from.isEmpty() || sender == null) {
            throw new VerificationCodeDeliveryException(
                    "email delivery is not configured: set GATEHOUSE_SMTP_HOST and GATEHOUSE_SMTP_FROM");
        }
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(from);
        mailMessage.setTo(to);
        mailMessage.setSubject(subject);
        mailMessage.setText(text);
        try {
            sender.send(mailMessage);
        } catch (MailException e) {
            throw new VerificationCodeDeliveryException("the SMTP server did not accept the message: " + rootCause(e), e);
        }
    }

    static String subject(VerificationCodeMessage m) {
        return m.purpose() == VerificationCodeMessage.Purpose.OPERATION
                ? "Your verification code for a protected operation"
                : "Your sign-in verification code";
    }

    static String text(VerificationCodeMessage m) {
        String ip = orUnknown(m.client() == null ? null : m.client().ip());
        String userAgent = orUnknown(m.client() == null ? null : m.client().userAgent());
        if (m.purpose() == VerificationCodeMessage.Purpose.OPERATION) {
            return """
                    Hello %s,

                    Your verification code to confirm a protected operation in account %s is:

                        %s

                    It is valid for %d minutes and works once. Never tell it to anyone.

                    This verification was requested
                      at:          %s
                      from IP:     %s
                      user agent:  %s

                    If this was not you, someone is using your session: do not use the code, change your password now (which ends every session), and tell your administrator.
                    """.formatted(m.userName(), m.accountName(), m.code(), m.minutes(), WHEN.format(m.startedAt()), ip,
                    userAgent);
        }
        return """
                Hello %s,

                Your verification code for signing in to account %s is:

                    %s

                It is valid for %d minutes and works once. Never tell it to anyone.

                This sign-in was started
                  at:          %s
                  from IP:     %s
                  user agent:  %s

                If this was not you, someone knows your password: do not use the code, and change your password now.
                """.formatted(m.userName(), m.accountName(), m.code(), m.minutes(), WHEN.format(m.startedAt()), ip,
                userAgent);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    /** The innermost cause's class and message: the server's reply, never the message's content. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().strip());
    }
}
