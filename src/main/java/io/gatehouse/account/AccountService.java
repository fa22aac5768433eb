package io.gatehouse.account;

import io.gatehouse.common.Ids;
import io.gatehouse.common.error.IamError;
import io.gatehouse.common.time.WireTime;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts (domains) and their projects. Accounts are read on every sign-in and change almost never
 * (none of their fields can be changed yet), so they are cached by id and by name.
 */
@Service
public class AccountService {

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final AccountStore accounts;
    private final ProjectStore projects;
    private final Clock clock;
    private final String region;
    private final Cache<String, Optional<Account>> byId = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, Optional<Account>> byName = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

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
        projects.insert(new Project(Ids.newId(), account.id(), account.id(), region, "Default project of " + name,
                true, true, Project.NORMAL, account.createTime()));
        return account;
    }

    public Optional<Account> find(String id) {
        return id == null ? Optional.empty() : cached(byId, id, accounts::findById);
    }

    public Optional<Account> findByName(String name) {
        return name == null ? Optional.empty() : cached(byName, name, accounts::findByName);
    }

    /** Only found accounts are kept: one created a moment ago on another node must be found at once. */
    private static Optional<Account> cached(Cache<String, Optional<Account>> cache, String key,
            java.util.function.Function<String, Optional<Account>> load) {
        Optional<Account> hit = cache.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        Optional<Account> loaded = load.apply(key);
        loaded.ifPresent(a -> cache.put(key, loaded));
        return loaded;
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

    public List<Project> listProjects(ProjectQuery query) {
        return projects.list(query);
    }

    /** Reads the project and holds its row lock until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Project> lockProject(String domainId, String projectId) {
        return projects.lock(domainId, projectId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void insertProject(Project project) {
        projects.insert(project);
    }

    /** Stores a project's name, description and status; the caller holds its lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void updateProject(Project project) {
        projects.update(project);
    }
}
