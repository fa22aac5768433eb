package io.gatehouse.mfa;

import io.gatehouse.account.Account;
import io.gatehouse.account.AccountService;
import io.gatehouse.auth.SignInRefusal;
import io.gatehouse.common.Ids;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification codes by email and SMS: sending one (the first step of a protected sign-in, or of an
 * operation verification) and checking one (the second). A code counts only for the purpose it was
 * sent for. A code is 6 random digits, valid for {@link #LIFETIME}, usable once, and
 * dead after {@link #MAX_TRIES} wrong tries; a user is sent at most one code per {@link #SPACING} and
 * {@link #MAX_PER_WINDOW} per {@link #WINDOW}. Each rule is one conditional SQL statement
 * ({@link VerificationCodeStore}), so it holds however many nodes serve the user at once.
 * For sign-in, every outcome is a {@link SignInRefusal} whose cause and method the sign-in event
 * records; operation verification maps the same outcomes ({@link Sending}, {@link Check}) itself.
 */
@Service
class VerificationCodeService {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_TRIES = 5;
    static final Duration SPACING = Duration.ofSeconds(60);
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_PER_WINDOW = 5;
    /** Sent codes are kept a day for investigation, then deleted; the resend window needs only 15 minutes. */
    static final Duration RETENTION = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(VerificationCodeService.class);

    private final VerificationCodeStore store;
    private final VerificationCodeMac macs;
    private final EmailCodeSender email;
    private final SmsCodeSender sms;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    VerificationCodeService(VerificationCodeStore store, VerificationCodeMac macs, EmailCodeSender email,
            SmsCodeSender sms, AccountService accounts, PlatformTransactionManager transactions, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.macs = macs;
        this.email = email;
        this.sms = sms;
        this.accounts = accounts;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.meters = meters;
    }

    /** A code that went out: the id to send it back with, where it went (masked) and until when it works. */
    record Sent(String id, VerificationMethod channel, String destination, Instant expiresAt) {
    }

    /**
     * A request for a code, with the cause its event records: {@code code_sent} with what was {@code sent},
     * or why none went out ({@code code_no_destination}, {@code code_resend_limit},
     * {@code code_delivery_failed}) with the {@code refusal} to answer.
     */
    record Sending(Sent sent, String cause, ApiException refusal) {
    }

    /**
     * A code's check: {@code cause} is null when it was right (it is used up now; {@link #channelOf} tells
     * its channel), and otherwise {@code code_unknown}, {@code code_wrong}, {@code code_used},
     * {@code code_tries_exceeded} or {@code code_expired}. {@code channel} is the refused code's when it is
     * known; {@code triesLeft} is what a wrong code leaves.
     */
    record Check(String cause, String channel, int triesLeft) {

        boolean accepted() {
            return cause == null;
        }

        /** A wrong code, or one that was never sent: it counts as a failed attempt, like a wrong password. */
        boolean failedFactor() {
            return "code_wrong".equals(cause) || "code_unknown".equals(cause);
        }
    }

    /**
     * Sends the user a new code by {@code channel}, within the resend limit, and returns the refusal
     * that tells the client where it went and which verification id to send it back with.
     */
    SignInRefusal challenge(User user, VerificationMethod channel, ClientInfo client) {
        String method = method(channel);
        Sending sending = send(user, channel, client, VerificationCodeMessage.Purpose.SIGN_IN);
        if (sending.sent() == null) {
            return new SignInRefusal(sending.cause(), method, sending.refusal());
        }
        Sent sent = sending.sent();
        return new SignInRefusal("code_sent", method, new ApiException(IamError.VERIFICATION_CODE_REQUIRED,
                IamError.VERIFICATION_CODE_REQUIRED.exception(channel == VerificationMethod.EMAIL ? "email" : "SMS",
                        sent.destination(), LIFETIME.toMinutes()).getMessage(),
                Map.of("verification", view(sent))));
    }

    /** The {@code verification} member of an answer: id, channel, masked destination, expiry. */
    static Map<String, Object> view(Sent sent) {
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("id", sent.id());
        verification.put("channel", sent.channel().wire());
        verification.put("destination", sent.destination());
        verification.put("expires_at", WireTime.token(sent.expiresAt()));
        return verification;
    }

    /** Sends the user a new code by {@code channel} for {@code purpose}, within the resend limit. */
    Sending send(User user, VerificationMethod channel, ClientInfo client, VerificationCodeMessage.Purpose purpose) {
        String destination = destination(user, channel);
        if (destination == null) {
            return new Sending(null, "code_no_destination", IamError.VERIFICATION_CODE_NO_DESTINATION
                    .exception(channel.wire(), channel == VerificationMethod.EMAIL ? "email address" : "mobile number"));
        }
        Instant now = WireTime.truncate(clock.instant());
        String id = Ids.newId();
        String code = newCode();
        String mac = macs.mac(id, user.domainId(), user.id(), code);
        Instant expiresAt = now.plus(LIFETIME);
        store.ensureSender(user.id());
        Boolean claimed = tx.execute(status -> {
            if (!store.claimSend(user.id(), now, SPACING, WINDOW, MAX_PER_WINDOW)) {
                return false;
            }
            store.insert(id, user.id(), user.domainId(), channel.wire(), purpose.wire(), mac, now, expiresAt);
            return true;
        });
        if (!Boolean.TRUE.equals(claimed)) {
            count(channel, "resend_limited");
            return new Sending(null, "code_resend_limit", resendLimit(user, now));
        }
        VerificationCodeMessage message = new VerificationCodeMessage(code, destination, user.name(),
                accounts.find(user.domainId()).map(Account::name).orElse(user.domainId()), client, now, LIFETIME,
                purpose);
        try {
            deliver(channel, message);
        } catch (RuntimeException e) {
            store.delivered(id, VerificationCodeStore.FAILED);
            // A failed send must not block the next try for a minute; it still counts toward the window.
            store.releaseSend(user.id(), now);
            count(channel, "delivery_failed");
            log.warn("Could not send a verification code by {} to user {}: {}", channel.wire(), user.id(),
                    e instanceof VerificationCodeDeliveryException ? e.getMessage() : EmailCodeSender.rootCause(e));
            return new Sending(null, "code_delivery_failed", IamError.VERIFICATION_CODE_DELIVERY_FAILED
                    .exception(channel == VerificationMethod.EMAIL ? "email" : "SMS"));
        }
        store.delivered(id, VerificationCodeStore.SENT);
        count(channel, "sent");
        return new Sending(new Sent(id, channel, masked(user, channel), expiresAt), "code_sent", null);
    }

    /**
     * Checks the code the user sent back under {@code verificationId}: returns when it is right, and
     * uses it up; otherwise returns the refusal to throw. {@code protection} is the user's current
     * email or SMS protection, if any, which names the method of an event for an unknown id.
     */
    Optional<SignInRefusal> verify(User user, String verificationId, String code, VerificationMethod protection) {
        Check check = check(user, verificationId, code, VerificationCodeMessage.Purpose.SIGN_IN);
        if (check.accepted()) {
            return Optional.empty();
        }
        String method = check.channel() == null
                ? (protection == null ? "password+verification_code" : method(protection))
                : "password+" + check.channel();
        return Optional.of(switch (check.cause()) {
            case "code_unknown" -> SignInRefusal.failedSecondFactor(check.cause(), method,
                    IamError.VERIFICATION_CODE_UNKNOWN.exception());
            case "code_wrong" -> SignInRefusal.failedSecondFactor(check.cause(), method,
                    IamError.VERIFICATION_CODE_WRONG.exception(check.triesLeft() == 0
                            ? "That was the last try: sign in with the password alone to get a new code."
                            : triesLeft(check.triesLeft())));
            case "code_used" -> new SignInRefusal(check.cause(), method, IamError.VERIFICATION_CODE_USED.exception());
            case "code_tries_exceeded" -> new SignInRefusal(check.cause(), method,
                    IamError.VERIFICATION_CODE_TRIES_EXCEEDED.exception());
            default -> new SignInRefusal(check.cause(), method, IamError.VERIFICATION_CODE_EXPIRED.exception());
        });
    }

    /** {@code 4 tries left.}, {@code 1 try left.} */
    static String triesLeft(int left) {
        return left + (left == 1 ? " try" : " tries") + " left.";
    }

    /** Checks a code sent for {@code purpose}; a code sent for another purpose is as unknown as a missing one. */
    Check check(User user, String verificationId, String code, VerificationCodeMessage.Purpose purpose) {
        Instant now = WireTime.truncate(clock.instant());
        if (!Ids.isWellFormed(verificationId)) {
            return new Check("code_unknown", null, 0);
        }
        String mac = macs.mac(verificationId, user.domainId(), user.id(), code);
        if (store.use(verificationId, user.id(), user.domainId(), purpose.wire(), mac, now, MAX_TRIES)) {
            return new Check(null, null, 0);
        }
        boolean counted = store.countWrongTry(verificationId, user.id(), user.domainId(), purpose.wire(), mac, now,
                MAX_TRIES);
        Optional<VerificationCodeStore.Code> found = store.find(verificationId, user.id(), user.domainId(),
                purpose.wire())
                .filter(c -> !VerificationCodeStore.PENDING.equals(c.state())
                        && !VerificationCodeStore.FAILED.equals(c.state()));
        if (found.isEmpty()) {
            return new Check("code_unknown", null, 0);
        }
        VerificationCodeStore.Code c = found.get();
        if (counted) {
            return new Check("code_wrong", c.channel(), Math.max(0, MAX_TRIES - c.failedTries()));
        }
        if (c.usedAt() != null) {
            return new Check("code_used", c.channel(), 0);
        }
        if (c.failedTries() >= MAX_TRIES) {
            return new Check("code_tries_exceeded", c.channel(), 0);
        }
        return new Check("code_expired", c.channel(), 0);
    }

    /** The channel ({@code email} or {@code sms}) of the user's code with this id for {@code purpose}; null if none. */
    String channelOf(User user, String verificationId, VerificationCodeMessage.Purpose purpose) {
        if (!Ids.isWellFormed(verificationId)) {
            return null;
        }
        return store.find(verificationId, user.id(), user.domainId(), purpose.wire())
                .map(VerificationCodeStore.Code::channel).orElse(null);
    }

    /** The method a sign-in with this (already used) code records: {@code password+email} or {@code password+sms}. */
    String methodOf(User user, String verificationId) {
        String channel = channelOf(user, verificationId, VerificationCodeMessage.Purpose.SIGN_IN);
        return channel == null ? null : "password+" + channel;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void purge() {
        int deleted = store.purge(clock.instant().minus(RETENTION));
        if (deleted > 0) {
            log.debug("Deleted {} old verification codes", deleted);
        }
    }

    private void deliver(VerificationMethod channel, VerificationCodeMessage message) {
        switch (channel) {
            case EMAIL -> email.send(message);
            case SMS -> sms.send(message);
            default -> throw new IllegalStateException("No code delivery by " + channel);
        }
    }

    private ApiException resendLimit(User user, Instant now) {
        Instant next = store.nextSendAllowed(user.id(), now, SPACING, WINDOW, MAX_PER_WINDOW);
        long seconds = Math.max(1, (Duration.between(now, next).toMillis() + 999) / 1000);
        return new ApiException(IamError.VERIFICATION_CODE_RESEND_LIMIT, IamError.VERIFICATION_CODE_RESEND_LIMIT
                .exception("at most one every " + SPACING.toSeconds() + " seconds and " + MAX_PER_WINDOW + " every "
                        + WINDOW.toMinutes() + " minutes. Use the code already sent, or try again in " + seconds
                        + " seconds.").getMessage(),
                Map.of("retry_after", seconds));
    }

    private String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private void count(VerificationMethod channel, String outcome) {
        Counter.builder("gatehouse.verification_codes").description("Verification codes requested (sign-in and operation), by outcome")
                .tag("channel", channel.wire()).tag("outcome", outcome).register(meters).increment();
    }

    private static String method(VerificationMethod channel) {
        return "password+" + channel.wire();
    }

    /**
     * The channel of a user's codes outside login protection's own step (operation verification, a step-up
     * at sign-in): the one its login protection uses, if that is email or SMS and reachable; otherwise email
     * if it has an address, otherwise SMS if it has a mobile number; null for neither.
     */
    static VerificationMethod channelFor(User user, Optional<LoginProtect> protection) {
        VerificationMethod protectedBy = protection.filter(LoginProtect::enabled).map(LoginProtect::method)
                .filter(m -> destination(user, m) != null).orElse(null);
        if (protectedBy == VerificationMethod.EMAIL || protectedBy == VerificationMethod.SMS) {
            return protectedBy;
        }
        if (user.email() != null) {
            return VerificationMethod.EMAIL;
        }
        return user.phone() != null ? VerificationMethod.SMS : null;
    }

    /** Where the code goes: the user's email address, or its mobile number in E.164 form; null if none. */
    static String destination(User user, VerificationMethod channel) {
        return switch (channel) {
            case EMAIL -> user.email();
            case SMS -> user.phone() == null ? null : internationalPrefix(user.areacode()) + user.phone();
            default -> null;
        };
    }

    /** {@code a***@example.com}, or {@code +86 138****1111}: enough to recognize, not enough to harvest. */
    static String masked(User user, VerificationMethod channel) {
        if (channel == VerificationMethod.EMAIL) {
            String address = user.email();
            int at = address.lastIndexOf('@');
            return address.charAt(0) + "***" + address.substring(Math.max(at, 1));
        }
        String phone = user.phone();
        String shown = phone.length() >= 8 ? phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4)
                : "****" + phone.substring(Math.max(0, phone.length() - 2));
        String prefix = internationalPrefix(user.areacode());
        return prefix.isEmpty() ? shown : prefix + " " + shown;
    }

    /** Huawei stores the country code as {@code 0086}, {@code +86} or {@code 86}; E.164 writes {@code +86}. */
    private static String internationalPrefix(String areacode) {
        if (areacode == null || areacode.isEmpty()) {
            return "";
        }
        String digits = areacode.startsWith("+") ? areacode.substring(1) : areacode;
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        return "+" + digits;
    }
}
