package io.gatehouse.user;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatehouse.common.time.WireTime;
import java.util.List;

/** The wire shapes of users on the Huawei ({@code /v3.0/OS-USER}) and Keystone ({@code /v3}) APIs. */
final class UserRepresentation {

    private UserRepresentation() {
    }

    // ---- Huawei OS-USER: strict, unknown members are refused ----------------------------------

    record OsUserBody(OsUserIn user) {
    }

    record OsUserIn(String name, String domainId, String password, String email, String areacode, String phone,
            Boolean enabled, Boolean pwdStatus, String xuserType, String xuserId, String accessMode,
            String description) {

        UserFields fields() {
            return new UserFields(name, domainId, password, email, areacode, phone, enabled, pwdStatus, xuserType,
                    xuserId, accessMode, description);
        }

        @Override
        public String toString() {
            return "OsUserIn[name=" + name + "]";
        }
    }

    record OsUserUpdateBody(OsUserUpdateIn user) {
    }

    record OsUserUpdateIn(String name, String password, String email, String areacode, String phone, Boolean enabled,
            Boolean pwdStatus, String xuserType, String xuserId, String accessMode, String description) {

        UserFields fields() {
            return new UserFields(name, null, password, email, areacode, phone, enabled, pwdStatus, xuserType,
                    xuserId, accessMode, description);
        }

        @Override
        public String toString() {
            return "OsUserUpdateIn[name=" + name + "]";
        }
    }

    record InfoBody(InfoIn user) {
    }

    record InfoIn(String email, String mobile) {
    }

    record OsUserOut(OsUserView user) {
    }

    record Links(String self) {
    }

    /** Every field of ShowUser, CreateUser and UpdateUser; unset text fields read "" as Huawei's do. */
    record OsUserView(String id, String name, String domainId, Boolean enabled, Boolean isDomainOwner,
            String accessMode, String description, Links links, String email, String areacode, String phone,
            String xuserId, String xuserType, String xdomainId, String xdomainType, Boolean pwdStatus,
            String pwdStrength, String pwdCreateTime, String modifyPwdTime, String lastPwdAuthTime,
            String passwordExpiresAt, String createTime, String updateTime, String lastLoginTime,
            String defaultProjectId) {

        static OsUserView of(User u, String self) {
            return new OsUserView(u.id(), u.name(), u.domainId(), u.enabled(), u.domainOwner(), u.accessMode().wire(),
                    text(u.description()), new Links(self), text(u.email()), text(u.areacode()), text(u.phone()),
                    text(u.xuserId()), text(u.xuserType()), "", "", u.hasPassword() ? u.pwdStatus() : null,
                    u.pwdStrength().wire(), WireTime.user(u.pwdCreateTime()), WireTime.user(u.modifyPwdTime()),
                    WireTime.user(u.lastPwdAuthTime()), WireTime.user(u.passwordExpiresAt()),
                    WireTime.user(u.createTime()), WireTime.user(u.updateTime()), WireTime.user(u.lastLoginTime()),
                    u.defaultProjectId());
        }
    }

    // ---- Keystone /v3: lenient, as Keystone clients may send extra attributes -------------------

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeystoneUserBody(KeystoneUserIn user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeystoneUserIn(String name, String domainId, String password, Boolean enabled, String description,
            Boolean pwdStatus) {

        UserFields fields() {
            return UserFields.keystone(name, domainId, password, enabled, description, pwdStatus);
        }

        @Override
        public String toString() {
            return "KeystoneUserIn[name=" + name + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PasswordBody(PasswordIn user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PasswordIn(String password, String originalPassword) {
        @Override
        public String toString() {
            return "PasswordIn[***]";
        }
    }

    record KeystoneUserOut(KeystoneUserView user) {
    }

    record KeystoneUsersOut(List<KeystoneUserView> users, ListLinks links, Boolean truncated) {
    }

    /** Keystone writes absent neighbours as null rather than leaving them out. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    record ListLinks(String self, String previous, String next) {
    }

    record KeystoneUserView(String id, String name, String domainId, Boolean enabled, String description, Links links,
            String passwordExpiresAt, Boolean pwdStatus, String pwdStrength, String accessMode,
            String lastProjectId) {

        static KeystoneUserView of(User u, String self) {
            return new KeystoneUserView(u.id(), u.name(), u.domainId(), u.enabled(), text(u.description()),
                    new Links(self), WireTime.user(u.passwordExpiresAt()), u.hasPassword() ? u.pwdStatus() : null,
                    u.pwdStrength().wire(), u.accessMode().wire(), u.lastProjectId());
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
