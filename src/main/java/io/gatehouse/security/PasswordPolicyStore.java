package io.gatehouse.security;

import io.gatehouse.common.time.WireTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PasswordPolicyStore {

    private static final String COLUMNS = """
            password_char_combination, minimum_password_length, maximum_consecutive_identical_chars,
            number_of_recent_passwords_disallowed, password_not_username_or_invert, password_validity_period,
            minimum_password_age""";

    private final JdbcClient jdbc;

    PasswordPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PasswordPolicy> find(String domainId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM password_policy WHERE domain_id = :domainId")
                .param("domainId", domainId).query(PasswordPolicyStore::map).optional();
    }

    /**
     * The account's policy, its row locked until the transaction ends, so that concurrent partial
     * updates queue instead of overwriting each other. An account without a row gets one with the defaults.
     */
    PasswordPolicy lock(String domainId, Instant now) {
        jdbc.sql("INSERT INTO password_policy (domain_id, " + COLUMNS + ", update_time) VALUES (:domainId, "
                + ":charCombination, :minLength, :maxConsecutive, :recent, :notUsername, :validity, :minAge, :now) "
                + "ON CONFLICT DO NOTHING")
                .params(params(domainId, PasswordPolicy.DEFAULT, now)).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM password_policy WHERE domain_id = :domainId FOR UPDATE")
                .param("domainId", domainId).query(PasswordPolicyStore::map).single();
    }

    void save(String domainId, PasswordPolicy p, Instant now) {
        jdbc.sql("""
                UPDATE password_policy SET password_char_combination = :charCombination,
                  minimum_password_length = :minLength, maximum_consecutive_identical_chars = :maxConsecutive,
                  number_of_recent_passwords_disallowed = :recent, password_not_username_or_invert = :notUsername,
                  password_validity_period = :validity, minimum_password_age = :minAge, update_time = :now
                WHERE domain_id = :domainId""").params(params(domainId, p, now)).update();
    }

    private static java.util.Map<String, Object> params(String domainId, PasswordPolicy p, Instant now) {
        return java.util.Map.of("domainId", domainId, "charCombination", p.passwordCharCombination(),
                "minLength", p.minimumPasswordLength(), "maxConsecutive", p.maximumConsecutiveIdenticalChars(),
                "recent", p.numberOfRecentPasswordsDisallowed(), "notUsername", p.passwordNotUsernameOrInvert(),
                "validity", p.passwordValidityPeriod(), "minAge", p.minimumPasswordAge(), "now", WireTime.toSql(now));
    }

    private static PasswordPolicy map(ResultSet rs, int row) throws SQLException {
        return new PasswordPolicy(rs.getInt("password_char_combination"), rs.getInt("minimum_password_length"),
                rs.getInt("maximum_consecutive_identical_chars"), rs.getInt("number_of_recent_passwords_disallowed"),
                rs.getBoolean("password_not_username_or_invert"), rs.getInt("password_validity_period"),
                rs.getInt("minimum_password_age"));
    }
}
