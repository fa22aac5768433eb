package io.gatehouse.mfa;

import io.gatehouse.access.AccessDecider;
import io.gatehouse.audit.OperationLog;
import io.gatehouse.common.crypto.SecretBox;
import io.gatehouse.common.error.ApiException;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import io.gatehouse.common.web.Caller;
import io.gatehouse.user.User;
import io.gatehouse.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * Virtual MFA devices: TOTP authenticators (RFC 6238: HMAC-SHA1, 6 digits, 30 s) that users bind to
 * themselves. A user has at most one device. Its seed is shown once, at creation, and is otherwise
 * kept sealed under the master key. A code is accepted within one step either side of the server's
 * time, and only once: the last step used is kept per device and moved forward by a single
 * conditional UPDATE, so the same code cannot pass twice, on one node or on two.
 */
@Service
public class VirtualMfaService {

    public static final String RESOURCE = "virtual_mfa_device";
    static final String CREATE = "iam:mfa:createVirtualMFADevice";
    static final String DELETE = "iam:mfa:deleteVirtualMFADevice";
    static final String BIND = "iam:mfa:bindMFADevice";
    static final String UNBIND = "iam:mfa:unbindMFADevice";
    static final String LIST = "iam:mfa:listVirtualMFADevices";
    static final String SHOW = "iam:mfa:getVirtualMFADevice";

    /** Steps accepted either side of the server's current step. */
    private static final int WINDOW = 1;
    private static final int SEED_BYTES = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final VirtualMfaStore store;
    private final LoginProtectService loginProtect;
    private final UserService users;
    private final AccessDecider decider;
    private final OperationLog operations;
    private final SecretBox box;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String issuer;
    private final Totp totp = Totp.VIRTUAL_MFA;
    private final SecureRandom random = new SecureRandom();

    VirtualMfaService(VirtualMfaStore store, LoginProtectService loginProtect, UserService users, AccessDecider decider,
            OperationLog operations, SecretBox box, PlatformTransactionManager transactions, Clock clock,
            @Value("${gatehouse.mfa.issuer:Gatehouse}") String issuer) {
        this.store = store;
        this.loginProtect = loginProtect;
        this.users = users;
        this.decider = decider;
        this.operations = operations;
        this.box = box;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.issuer = issuer;
    }

    /** A new device as its creator sees it, once: the seed, the otpauth URI and its QR code in PNG. */
    record Created(String serialNumber, String base32Seed, String otpauthUri, byte[] qrCodePng) {

        @Override
        public String toString() {
            return "Created[serialNumber=" + serialNumber + "]";
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    /** The user's bound device; 404 when it has none. */
    VirtualMfaDevice show(Caller caller, String userId) {
        users.get(caller, userId);
        return store.findByUser(userId).filter(VirtualMfaDevice::bound)
                .orElseThrow(() -> IamError.NOT_FOUND.exception("virtual MFA device of user", userId));
    }

    /** The bound devices of the caller's account. */
    List<VirtualMfaDevice> list(Caller caller) {
        return store.listBound(caller.domainId());
    }

    // ---- writes ------------------------------------------------------------------------------

    /**
     * Creates a device for the caller itself (an administrator cannot create one for another user, whose
     * seed it would then know). An unbound device of the user is replaced; a bound one must be unbound
     * and deleted first.
     */
    Created create(Caller caller, String userId, String name) {
        required(userId, "virtual_mfa_device.user_id");
        required(name, "virtual_mfa_device.name");
        if (!caller.isSelf(userId)) {
            throw IamError.POLICY_DENIED.exception(CREATE);
        }
        if (!NAME.matcher(name).matches()) {
            throw new ApiException(IamError.INVALID_PARAMETER, "Request parameter virtual_mfa_device.name is invalid: "
                    + "it must be 1 to 64 letters, digits, '-' or '_'.");
        }
        String serial = "iam:" + caller.domainId() + ":mfa/" + name;
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        String sealed = box.seal(seed, purpose(userId, serial));
        Instant now = WireTime.truncate(clock.instant());
        User user;
        try {
            user = tx.execute(status -> {
                User locked = users.lock(caller, userId);
                Optional<VirtualMfaDevice> existing = store.findByUser(userId);
                if (existing.isPresent() && existing.get().bound()) {
                    throw new ApiException(IamError.CONFLICT, "The user already has a bound virtual MFA device; "
                            + "unbind and delete it before creating another.");
                }
                existing.ifPresent(old -> {
                    store.delete(old.serialNumber());
                    operations.success(caller, DELETE, RESOURCE, old.serialNumber());
                });
                if (store.serialTaken(serial)) {
                    throw nameTaken();
                }
                store.insert(new VirtualMfaDevice(serial, userId, caller.domainId(), name, sealed, false, null, now,
                        null));
                operations.success(caller, CREATE, RESOURCE, serial);
                return locked;
            });
        } catch (DataIntegrityViolationException e) {
            // Another user of the account took the same name at the same moment.
            throw nameTaken();
        }
        String base32 = new Base32().encodeToString(seed).replace("=", "");
        String uri = otpauthUri(base32, user.name(), caller.domainName() == null ? caller.domainId()
                : caller.domainName());
        return new Created(serial, base32, uri, VirtualMfaQrCode.png(uri));
    }

    /**
     * Binds the caller's own device, proven by the codes of two consecutive steps. The second code must
     * fall within the accepted window; both count as used afterwards.
     */
    void bind(Caller caller, String userId, String serialNumber, String first, String second) {
        required(userId, "user_id");
        required(serialNumber, "serial_number");
        required(first, "authentication_code_first");
        required(second, "authentication_code_second");
        if (!caller.isSelf(userId)) {
            throw IamError.POLICY_DENIED.exception(BIND);
        }
        tx.executeWithoutResult(status -> {
            users.lock(caller, userId);
            VirtualMfaDevice device = device(userId, serialNumber);
            if (device.bound()) {
                throw new ApiException(IamError.CONFLICT, "The virtual MFA device is already bound.");
            }
            long now = totp.step(clock.instant());
            OptionalLong step = totp.matchConsecutive(seed(device), first, second, now - WINDOW, now + WINDOW);
            if (step.isEmpty() || !store.bind(serialNumber, step.getAsLong(), WireTime.truncate(clock.instant()))) {
                throw IamError.INVALID_TOTP_PASSCODE.exception();
            }
            operations.success(caller, BIND, RESOURCE, serialNumber);
        });
    }

    /**
     * Unbinds a device. The user itself proves it with a current code; an administrator unbinding another
     * user's device sends a code that is not checked, as on Huawei. Refused with IAM.1062 while the user's
     * login protection relies on the device.
     */
    void unbind(Caller caller, String userId, String serialNumber, String code) {
        required(userId, "user_id");
        required(serialNumber, "serial_number");
        required(code, "authentication_code");
        boolean self = caller.isSelf(userId);
        requireSelfOrGranted(caller, userId, UNBIND);
        tx.executeWithoutResult(status -> {
            // The user's row lock also orders this against a concurrent change of its login protection.
            users.lock(caller, userId);
            VirtualMfaDevice device = device(userId, serialNumber);
            if (!device.bound()) {
                throw new ApiException(IamError.CONFLICT, "The virtual MFA device is not bound.");
            }
            boolean protectedByDevice = loginProtect.settingOf(caller.domainId(), userId)
                    .filter(p -> p.enabled() && p.method() == VerificationMethod.VMFA).isPresent();
            if (protectedByDevice) {
                throw IamError.MFA_BOUND_TO_LOGIN_PROTECTION.exception();
            }
            if (self && !accept(device, code)) {
                throw IamError.INVALID_TOTP_PASSCODE.exception();
            }
            store.unbind(serialNumber);
            operations.success(caller, UNBIND, RESOURCE, serialNumber);
        });
    }

    /** Deletes an unbound device: the user's own, or, for an administrator, any user's of its account. */
    void delete(Caller caller, String userId, String serialNumber) {
        required(userId, "user_id");
        required(serialNumber, "serial_number");
        requireSelfOrGranted(caller, userId, DELETE);
        tx.executeWithoutResult(status -> {
            users.lock(caller, userId);
            VirtualMfaDevice device = device(userId, serialNumber);
            if (device.bound()) {
                throw new ApiException(IamError.CONFLICT, "The virtual MFA device is bound; unbind it first.");
            }
            store.delete(serialNumber);
            operations.success(caller, DELETE, RESOURCE, serialNumber);
        });
    }

    // ---- for the sign-in flow and operation verification ----------------------------------

    /** Whether the user has a bound device, whose codes are then its second factor. */
    boolean hasBoundDevice(String userId) {
        return store.hasBoundDevice(userId);
    }

    /**
     * Whether {@code passcode} is a current, unused code of the user's bound device; a true answer uses
     * the code up. False also when the user has no bound device.
     */
    boolean acceptCode(String userId, String passcode) {
        return store.findByUser(userId).filter(VirtualMfaDevice::bound).map(d -> accept(d, passcode)).orElse(false);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private boolean accept(VirtualMfaDevice device, String passcode) {
        long now = totp.step(clock.instant());
        OptionalLong step = totp.match(seed(device), passcode, now - WINDOW, now + WINDOW);
        return step.isPresent() && store.useStep(device.serialNumber(), step.getAsLong());
    }

    private VirtualMfaDevice device(String userId, String serialNumber) {
        return store.findByUser(userId).filter(d -> d.serialNumber().equals(serialNumber))
                .orElseThrow(() -> IamError.NOT_FOUND.exception("virtual MFA device", serialNumber));
    }

    private byte[] seed(VirtualMfaDevice device) {
        return box.open(device.sealedSeed(), purpose(device.userId(), device.serialNumber()));
    }

    /** Another user's device needs the action granted, as the policy engine decides it. */
    private void requireSelfOrGranted(Caller caller, String userId, String action) {
        if (!caller.isSelf(userId) && !decider.allows(caller, action)) {
            throw IamError.POLICY_DENIED.exception(action);
        }
    }

    /** The sealed seed is bound to its user and serial number, so it cannot be moved to another row. */
    private static String purpose(String userId, String serialNumber) {
        return "virtual_mfa_seed:" + userId + ":" + serialNumber;
    }

    private String otpauthUri(String base32, String userName, String accountName) {
        String label = issuer + ":" + userName + "@" + accountName;
        return "otpauth://totp/" + UriUtils.encodePathSegment(label, StandardCharsets.UTF_8)
                + "?secret=" + base32
                + "&issuer=" + UriUtils.encodeQueryParam(issuer, StandardCharsets.UTF_8)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    private static ApiException nameTaken() {
        return new ApiException(IamError.CONFLICT,
                "A virtual MFA device with this name already exists in the account; choose another name.");
    }

    private static void required(String value, String name) {
        if (value == null) {
            throw IamError.REQUIRED_PROPERTY.exception(name);
        }
    }
}
