package io.gatehouse.user;

import java.time.Instant;

/** An IAM user as stored. The password hash never leaves the user and auth features. */
public record User(
        String id,
        String domainId,
        String name,
        String passwordHash,
        String email,
        String areacode,
        String phone,
        boolean enabled,
        boolean domainOwner,
        AccessMode accessMode,
        String description,
        String xuserType,
        String xuserId,
        boolean pwdStatus,
        PasswordStrength pwdStrength,
        Instant pwdCreateTime,
        Instant modifyPwdTime,
        Instant lastPwdAuthTime,
        Instant passwordExpiresAt,
        String defaultProjectId,
        String lastProjectId,
        Instant createTime,
        Instant updateTime,
        Instant lastLoginTime,
        Instant tokensNotBefore,
        long version) {

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** Whether the password's validity period (the account's password policy) has run out at {@code now}. */
    public boolean passwordExpired(Instant now) {
        return passwordExpiresAt != null && !passwordExpiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", domainId=" + domainId + ", name=" + name + "]";
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy for building the next state of a user in one place. */
    static final class Builder {
        String id;
        String domainId;
        String name;
        String passwordHash;
        String email;
        String areacode;
        String phone;
        boolean enabled;
        boolean domainOwner;
        AccessMode accessMode;
        String description;
        String xuserType;
        String xuserId;
        boolean pwdStatus;
        PasswordStrength pwdStrength;
        Instant pwdCreateTime;
        Instant modifyPwdTime;
        Instant lastPwdAuthTime;
        Instant passwordExpiresAt;
        String defaultProjectId;
        String lastProjectId;
        Instant createTime;
        Instant updateTime;
        Instant lastLoginTime;
        Instant tokensNotBefore;
        long version;

        Builder() {
        }

        private Builder(User u) {
            id = u.id;
            domainId = u.domainId;
            name = u.name;
            passwordHash = u.passwordHash;
            email = u.email;
            areacode = u.areacode;
            phone = u.phone;
            enabled = u.enabled;
            domainOwner = u.domainOwner;
            accessMode = u.accessMode;
            description = u.description;
            xuserType = u.xuserType;
            xuserId = u.xuserId;
            pwdStatus = u.pwdStatus;
            pwdStrength = u.pwdStrength;
            pwdCreateTime = u.pwdCreateTime;
            modifyPwdTime = u.modifyPwdTime;
            lastPwdAuthTime = u.lastPwdAuthTime;
            passwordExpiresAt = u.passwordExpiresAt;
            defaultProjectId = u.defaultProjectId;
            lastProjectId = u.lastProjectId;
            createTime = u.createTime;
            updateTime = u.updateTime;
            lastLoginTime = u.lastLoginTime;
            tokensNotBefore = u.tokensNotBefore;
            version = u.version;
        }

        User build() {
            return new User(id, domainId, name, passwordHash, email, areacode, phone, enabled, domainOwner, accessMode,
                    description, xuserType, xuserId, pwdStatus, pwdStrength, pwdCreateTime, modifyPwdTime,
                    lastPwdAuthTime, passwordExpiresAt, defaultProjectId, lastProjectId, createTime, updateTime,
                    lastLoginTime, tokensNotBefore, version);
        }
    }
}
