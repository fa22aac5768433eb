package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LoginPolicyStore {

    private static final String COLUMNS = """
            session_timeout, period_with_login_failures, login_failed_times, lockout_duration,
            account_validity_period, show_recent_login_info, custom_info_for_login""";

    private final JdbcClient jdbc;

    LoginPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LoginPolicy> find(String domainId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_policy WHERE domain_id = :domainId")
                .param("domainId", domainId).query(LoginPolicyStore::map).optional();
    }

    /**
     * Reads the account's policy and locks its row until the transaction ends, creating the row with the
     * defaults first if there is none. Two first writers both insert; the second insert does nothing.
     */
    LoginPolicy lock(String domainId, Instant now) {
        LoginPolicy d = LoginPolicy.DEFAULTS;
        jdbc.sql("INSERT INTO login_policy (domain_id, " + COLUMNS + ", update_time) VALUES (:domainId, :sessionTimeout, "
                + ":period, :failedTimes, :lockoutDuration, :validity, :showRecent, :customInfo, :now) "
                + "ON CONFLICT DO NOTHING")
                .param("domainId", domainId).param("sessionTimeout", d.sessionTimeout())
                .param("period", d.periodWithLoginFailures()).param("failedTimes", d.loginFailedTimes())
                .param("lockoutDuration", d.lockoutDuration()).param("validity", d.accountValidityPeriod())
                .param("showRecent", d.showRecentLoginInfo()).param("customInfo", d.customInfoForLogin())
                .param("now", WireTime.toSql(now)).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM login_policy WHERE domain_id = :domainId FOR UPDATE")
                .param("domainId", domainId).query(LoginPolicyStore::map).single();
    }

    void update(String domainId, LoginPolicy p, Instant now) {
        jdbc.sql("""
                UPDATE login_policy SET session_timeout = :sessionTimeout, period_with_login_failures = :period,
                  login_failed_times = :failedTimes, lockout_duration = :lockoutDuration,
                  account_validity_period = :validity, show_recent_login_info = :showRecent,
                  custom_info_for_login = :customInfo, update_time = :now
                WHERE domain_id = :domainId""")
                .param("sessionTimeout", p.sessionTimeout()).param("period", p.periodWithLoginFailures())
                .param("failedTimes", p.loginFailedTimes()).param("lockoutDuration", p.lockoutDuration())
                .param("validity", p.accountValidityPeriod()).param("showRecent", p.showRecentLoginInfo())
                .param("customInfo", p.customInfoForLogin()).param("now", WireTime.toSql(now))
                .param("domainId", domainId).update();
    }

    /** The accounts whose policy disables users after some days without a sign-in. */
    List<LoginPolicyService.AccountValidity> withAccountValidity() {
        return jdbc.sql("SELECT domain_id, account_validity_period FROM login_policy "
                + "WHERE account_validity_period > 0 ORDER BY domain_id")
                .query((rs, n) -> new LoginPolicyService.AccountValidity(rs.getString(1), rs.getInt(2))).list();
    }

    private static LoginPolicy map(ResultSet rs, int n) throws SQLException {
        return new LoginPolicy(rs.getInt("session_timeout"), rs.getInt("period_with_login_failures"),
                rs.getInt("login_failed_times"), rs.getInt("lockout_duration"), rs.getInt("account_validity_period"),
                rs.getBoolean("show_recent_login_info"), rs.getString("custom_info_for_login"));
    }
}
