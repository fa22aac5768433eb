package io.gatehouse.account;

import io.gatehouse.common.Ids;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Accounts (domains) and their projects. */
@Service
public class AccountService {

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final AccountStore accounts;
    private final ProjectStore projects;
    private final Clock clock;
    private final String region;

    AccountService(AccountStore accounts, ProjectStore projects, Clock clock,
            @Value("${gatehouse.region:gh-region-1}") String region) {
        this.accounts = accounts;
        this.projects = projects;
        this.clock = clock;
        this.region = region;
    }

    /** Creates an account with its default project; joins the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Account create(String name) {
        if (name == null || !ACCOUNT_NAME.matcher(name).matches()) {
            throw IamError.INVALID_PARAMETER.exception("account name");
        }
        if (accounts.findByName(name).isPresent()) {
            throw IamError.CONFLICT.exception("account", "name " + name + " is taken");
        }
        Account account = new Account(Ids.newId(), name, true, WireTime.truncate(clock.instant()));
        accounts.insert(account);
        projects.insert(new Project(Ids.newId(), account.id(), region, "Default project of " + name, true, true,
                account.createTime()));
        return account;
    }

    public Optional<Account> find(String id) {
        return id == null ? Optional.empty() : accounts.findById(id);
    }

    public Optional<Account> findByName(String name) {
        return name == null ? Optional.empty() : accounts.findByName(name);
    }

    public boolean anyExists() {
        return accounts.count() > 0;
    }

    public Optional<Project> findProject(String domainId, String projectId) {
        return projects.findById(domainId, projectId);
    }

    public Optional<Project> findProjectByName(String domainId, String name) {
        return projects.findByName(domainId, name);
    }

    public Optional<Project> defaultProject(String domainId) {
        return projects.findDefault(domainId);
    }
}
